package graphtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
)

// maxBatchRequests is Graph's limit per $batch.
const maxBatchRequests = 20

type batchInner struct {
	ID        string            `json:"id"`
	Method    string            `json:"method"`
	URL       string            `json:"url"`
	DependsOn []string          `json:"dependsOn"`
	Headers   map[string]string `json:"headers"`
	Body      json.RawMessage   `json:"body"`
}

type batchReply struct {
	ID      string            `json:"id"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    json.RawMessage   `json:"body,omitempty"`
}

// serveBatch answers POST /{version}/$batch like Graph: the whole batch is
// 400 when malformed (more than 20 requests, duplicate or missing ids,
// unknown dependsOn, a body without Content-Type); otherwise 200 with one
// response per request, each run through the same pipeline (faults,
// pacing, tenant), dependents of a failed request answered 424, in
// shuffled order.
func (f *Fake) serveBatch(rp responder, r *http.Request) {
	version := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")[0]
	var in struct {
		Requests []batchInner `json:"requests"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 4<<20)).Decode(&in); err != nil {
		rp.fail(http.StatusBadRequest, "BadRequest", "Invalid batch payload format.")
		return
	}
	if msg := checkBatch(in.Requests); msg != "" {
		rp.fail(http.StatusBadRequest, "BadRequest", msg)
		return
	}
	order, ok := batchOrder(in.Requests)
	if !ok {
		rp.fail(http.StatusBadRequest, "BadRequest", "The dependsOn of the batch requests form a cycle.")
		return
	}
	status := map[string]int{}
	replies := make([]batchReply, 0, len(in.Requests))
	for _, i := range order {
		req := in.Requests[i]
		var reply batchReply
		if dep := failedDependency(req, status); dep != "" {
			reply = batchReply{ID: req.ID, Status: http.StatusFailedDependency,
				Headers: map[string]string{"Content-Type": "application/json"},
				Body:    mustJSON(map[string]any{"error": map[string]string{"code": "FailedDependency", "message": fmt.Sprintf("Dependency %q failed.", dep)}})}
		} else {
			reply = f.serveInner(r, version, req)
		}
		status[req.ID] = reply.Status
		replies = append(replies, reply)
	}
	h := fnv.New64a()
	for _, rq := range in.Requests {
		h.Write([]byte(rq.ID))
		h.Write([]byte{0})
	}
	rng := rand.New(rand.NewPCG(uint64(f.opts.ShuffleSeed), h.Sum64()))
	rng.Shuffle(len(replies), func(i, j int) { replies[i], replies[j] = replies[j], replies[i] })
	rp.json(http.StatusOK, map[string]any{"responses": replies})
}

// checkBatch returns why Graph would reject the batch, or "".
func checkBatch(reqs []batchInner) string {
	if len(reqs) == 0 {
		return "The batch request contains no requests."
	}
	if len(reqs) > maxBatchRequests {
		return fmt.Sprintf("The number of batch requests (%d) exceeds the limit of %d.", len(reqs), maxBatchRequests)
	}
	ids := map[string]bool{}
	for _, rq := range reqs {
		switch {
		case rq.ID == "":
			return "Each batch request needs an id."
		case ids[rq.ID]:
			return fmt.Sprintf("Batch request ids must be unique; %q is repeated.", rq.ID)
		case rq.Method == "" || rq.URL == "":
			return fmt.Sprintf("Batch request %q needs a method and a url.", rq.ID)
		case len(rq.Body) > 0 && string(rq.Body) != "null" && headerValue(rq.Headers, "Content-Type") == "":
			return fmt.Sprintf("Batch request %q has a body but no Content-Type header.", rq.ID)
		}
		ids[rq.ID] = true
	}
	for _, rq := range reqs {
		for _, d := range rq.DependsOn {
			if !ids[d] || d == rq.ID {
				return fmt.Sprintf("Batch request %q depends on unknown request %q.", rq.ID, d)
			}
		}
	}
	return ""
}

// batchOrder runs each request after its dependencies; false on a cycle.
func batchOrder(reqs []batchInner) ([]int, bool) {
	done := map[string]bool{}
	var order []int
	for len(order) < len(reqs) {
		progressed := false
		for i, rq := range reqs {
			if done[rq.ID] {
				continue
			}
			ready := true
			for _, d := range rq.DependsOn {
				ready = ready && done[d]
			}
			if ready {
				done[rq.ID] = true
				order = append(order, i)
				progressed = true
			}
		}
		if !progressed {
			return nil, false
		}
	}
	return order, true
}

func failedDependency(rq batchInner, status map[string]int) string {
	for _, d := range rq.DependsOn {
		if st := status[d]; st < 200 || st >= 300 {
			return d
		}
	}
	return ""
}

// serveInner runs one inner request through the fake as a request of its
// own on the envelope's origin, inheriting its Authorization header.
func (f *Fake) serveInner(outer *http.Request, version string, rq batchInner) batchReply {
	target := "/" + version + "/" + strings.TrimPrefix(rq.URL, "/")
	var body io.Reader = http.NoBody
	if len(rq.Body) > 0 {
		body = bytes.NewReader(rq.Body)
	}
	req, err := http.NewRequestWithContext(outer.Context(), strings.ToUpper(rq.Method), f.origin(outer)+target, body)
	if err != nil || strings.Contains(rq.URL, "://") {
		return batchReply{ID: rq.ID, Status: http.StatusBadRequest,
			Body: mustJSON(map[string]any{"error": map[string]string{"code": "BadRequest", "message": "Invalid request URL."}})}
	}
	req.RequestURI = req.URL.RequestURI()
	req.Host, req.TLS, req.RemoteAddr = outer.Host, outer.TLS, outer.RemoteAddr
	for k, v := range rq.Headers {
		req.Header.Set(k, v)
	}
	if a := outer.Header.Get("Authorization"); a != "" {
		req.Header.Set("Authorization", a)
	}
	if c := outer.Header.Get("client-request-id"); c != "" && req.Header.Get("client-request-id") == "" {
		req.Header.Set("client-request-id", c)
	}
	rec := httptest.NewRecorder()
	f.serve(rec, req, true)
	reply := batchReply{ID: rq.ID, Status: rec.Code, Headers: map[string]string{}}
	for k, vs := range rec.Header() {
		if len(vs) > 0 {
			reply.Headers[k] = vs[0]
		}
	}
	switch b := rec.Body.Bytes(); {
	case len(b) == 0:
	case json.Valid(b):
		reply.Body = b
	default:
		reply.Body = mustJSON(string(b))
	}
	return reply
}

func headerValue(h map[string]string, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("graphtest: encode: %v", err))
	}
	return b
}
