package graphtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

const (
	graphContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
	armContentType   = "application/json; charset=utf-8"
)

// responder writes answers in the shape of the API being faked: Graph or
// ARM.
type responder struct {
	w               http.ResponseWriter
	arm             bool
	requestID       string
	clientRequestID string
	now             time.Time
}

// isARMPath reports whether path belongs to Azure Resource Manager.
func isARMPath(path string) bool {
	p := strings.ToLower(path)
	return strings.HasPrefix(p, "/subscriptions") || strings.HasPrefix(p, "/providers")
}

func (rp responder) contentType() string {
	if rp.arm {
		return armContentType
	}
	return graphContentType
}

// raw writes a JSON body that is already encoded.
func (rp responder) raw(status int, body []byte) {
	rp.w.Header().Set("Content-Type", rp.contentType())
	rp.w.WriteHeader(status)
	_, _ = rp.w.Write(body)
}

// json encodes v and writes it.
func (rp responder) json(status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		rp.fail(http.StatusInternalServerError, "generalException", "graphtest: encode response: "+err.Error())
		return
	}
	rp.raw(status, body)
}

// fail writes an error exactly in the API's shape. Graph:
// {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}};
// ARM: {"error":{"code","message"}}.
func (rp responder) fail(status int, code, message string) {
	if rp.arm {
		rp.json(status, map[string]any{"error": map[string]string{"code": code, "message": message}})
		return
	}
	type inner struct {
		Date            string `json:"date"`
		RequestID       string `json:"request-id"`
		ClientRequestID string `json:"client-request-id"`
	}
	type body struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		InnerError inner  `json:"innerError"`
	}
	rp.json(status, map[string]body{"error": {
		Code:    code,
		Message: message,
		InnerError: inner{
			Date:            rp.now.UTC().Format("2006-01-02T15:04:05"),
			RequestID:       rp.requestID,
			ClientRequestID: rp.clientRequestID,
		},
	}})
}

// page writes one page of a collection: Graph with @odata.context and an
// absolute @odata.nextLink, ARM with "nextLink".
func (rp responder) page(context string, items []json.RawMessage, nextLink string) {
	var b bytes.Buffer
	b.Grow(64 + len(nextLink) + len(items)*256)
	b.WriteByte('{')
	if !rp.arm && context != "" {
		b.WriteString(`"@odata.context":`)
		writeJSONString(&b, context)
		b.WriteByte(',')
	}
	b.WriteString(`"value":[`)
	for i, it := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(it)
	}
	b.WriteByte(']')
	if nextLink != "" {
		if rp.arm {
			b.WriteString(`,"nextLink":`)
		} else {
			b.WriteString(`,"@odata.nextLink":`)
		}
		writeJSONString(&b, nextLink)
	}
	b.WriteByte('}')
	rp.raw(http.StatusOK, b.Bytes())
}

func writeJSONString(b *bytes.Buffer, s string) {
	q, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("graphtest: encode string: %v", err))
	}
	b.Write(q)
}
