package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// runChunk sends one batch of at most 20 requests and re-sends only the
// inner requests Graph throttled (plus those that failed with 424 because
// of them) until all are answered or the retry cap is reached. Results go
// to out at the requests' indexes.
func (c *Client) runChunk(ctx context.Context, version string, items []batchItem, index map[string]int, chunk []int, out []BatchResponse) error {
	u, err := c.base.resolve("/" + version + "/$batch")
	if err != nil {
		return err
	}
	attempts := make(map[int]int, len(chunk))
	pending := chunk
	for round := 1; ; round++ {
		inPending := make(map[string]bool, len(pending))
		for _, i := range pending {
			inPending[items[i].ID] = true
		}
		wire := make([]batchItem, 0, len(pending))
		for _, i := range pending {
			it := items[i]
			it.DependsOn = nil // keep only dependencies re-sent in this round
			for _, d := range items[i].DependsOn {
				if inPending[d] {
					it.DependsOn = append(it.DependsOn, d)
				}
			}
			attempts[i]++
			wire = append(wire, it)
		}
		payload, err := json.Marshal(struct {
			Requests []batchItem `json:"requests"`
		}{wire})
		if err != nil {
			return fmt.Errorf("graph: batch: encode request bodies: %w", err)
		}
		countersOf(ctx).call(len(pending))
		res, err := c.send(asEnvelope(ctx), http.MethodPost, u, payload, nil)
		if err != nil {
			return fmt.Errorf("graph: batch of %d requests (first id %q): %w", len(wire), wire[0].ID, err)
		}
		var ans batchAnswer
		if err := json.Unmarshal(res.body, &ans); err != nil {
			return fmt.Errorf("graph: batch: decode response of POST %s: %w", redactURL(u), err)
		}

		type answer struct {
			status  int
			headers map[string]string
			body    json.RawMessage
		}
		got := make(map[int]answer, len(pending))
		for _, r := range ans.Responses {
			if i, ok := index[r.ID]; ok && inPending[r.ID] {
				got[i] = answer{r.Status, r.Headers, r.Body}
			}
		}
		retry := map[int]bool{}
		var wait time.Duration
		for _, i := range pending {
			a, ok := got[i]
			if ok && a.status >= 200 && a.status < 300 {
				c.gate.hold(holdFor(headerMap(a.headers)))
			}
			if ok && retryableStatus(a.status) && attempts[i] <= c.maxRetries {
				retry[i] = true
				d, ok := retryAfter(headerMap(a.headers)("Retry-After"), c.now())
				if !ok {
					d = backoff(round)
				} else if a.status == http.StatusTooManyRequests {
					c.gate.hold(d)
				}
				if a.status == http.StatusTooManyRequests {
					countersOf(ctx).throttle(1)
				}
				wait = max(wait, d)
			}
		}
		// A 424 caused by a throttled dependency is worth re-sending with it.
		for changed := true; changed; {
			changed = false
			for _, i := range pending {
				a := got[i]
				if retry[i] || a.status != http.StatusFailedDependency || attempts[i] > c.maxRetries {
					continue
				}
				if slices.ContainsFunc(items[i].DependsOn, func(d string) bool { return retry[index[d]] }) {
					retry[i] = true
					changed = true
				}
			}
		}
		for _, i := range pending {
			if retry[i] {
				continue
			}
			a, ok := got[i]
			if !ok {
				out[i] = BatchResponse{ID: items[i].ID, Err: fmt.Errorf("graph: batch: Graph returned no response for request %q (%s %s)", items[i].ID, items[i].Method, items[i].URL)}
				continue
			}
			out[i] = batchResponse(version, items[i], a.status, a.headers, a.body, attempts[i])
		}
		if len(retry) == 0 {
			return nil
		}
		c.log.DebugContext(ctx, "graph batch retry", "version", version, "requests", len(retry), "round", round, "wait", wait)
		countersOf(ctx).wait(wait)
		if err := c.sleep(ctx, wait); err != nil {
			return fmt.Errorf("graph: batch: waiting %s to retry %d throttled requests: %w", wait, len(retry), err)
		}
		pending = pending[:0:0]
		for _, i := range chunk {
			if retry[i] {
				pending = append(pending, i)
			}
		}
	}
}

func batchResponse(version string, it batchItem, status int, headers map[string]string, body json.RawMessage, attempts int) BatchResponse {
	r := BatchResponse{ID: it.ID, Status: status, Headers: headers, Body: body}
	if status >= 400 {
		r.Err = innerError(version, it, status, headers, body, attempts)
	}
	return r
}

// runSolo sends a group of linked requests one by one in dependency order,
// through the pacer when their URLs are paced. A request whose dependency
// failed gets 424 without being sent, as Graph would answer.
func (c *Client) runSolo(ctx context.Context, version string, items []batchItem, index map[string]int, group []int, out []BatchResponse) error {
	order, err := dependencyOrder(items, index, group)
	if err != nil {
		return err
	}
	for _, i := range order {
		it := items[i]
		failedDep := ""
		for _, d := range it.DependsOn {
			if st := out[index[d]].Status; st < 200 || st >= 300 {
				failedDep = d
				break
			}
		}
		if failedDep != "" {
			out[i] = BatchResponse{ID: it.ID, Status: http.StatusFailedDependency, Err: &Error{
				Method: it.Method, URL: "/" + version + it.URL, Status: http.StatusFailedDependency,
				Code: "FailedDependency", Message: fmt.Sprintf("dependency %q failed", failedDep), Kind: KindOther,
			}}
			continue
		}
		u, err := c.base.resolve("/" + version + it.URL)
		if err != nil {
			return err
		}
		var body []byte
		if it.Body != nil {
			if body, err = json.Marshal(it.Body); err != nil {
				return fmt.Errorf("graph: batch: encode body of request %q: %w", it.ID, err)
			}
		}
		res, err := c.send(ctx, it.Method, u, body, it.Headers)
		var apiErr *Error
		switch {
		case errors.As(err, &apiErr):
			out[i] = BatchResponse{ID: it.ID, Status: apiErr.Status, Err: apiErr}
		case err != nil:
			return err
		default:
			out[i] = BatchResponse{ID: it.ID, Status: res.status}
			if len(res.body) > 0 {
				out[i].Body = json.RawMessage(res.body)
			}
		}
	}
	return nil
}
