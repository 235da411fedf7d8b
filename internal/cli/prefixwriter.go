package cli

import (
	"bytes"
	"io"
	"sync"
)

// lockedWriter serialises writes to one stream shared by tenants scanned
// at once (their progress lines and their logs).
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// prefixWriter writes whole lines to out, each starting with prefix, so
// the lines of tenants scanned at once never mix within a line and each
// says whose it is. A last line without a line feed waits for Flush.
type prefixWriter struct {
	mu     sync.Mutex
	out    io.Writer // a lockedWriter: one Write per line
	prefix []byte
	buf    []byte
}

func newPrefixWriter(out io.Writer, prefix string) *prefixWriter {
	return &prefixWriter{out: out, prefix: []byte(prefix)}
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.buf = append(p.buf, b...)
	for {
		i := bytes.IndexByte(p.buf, '\n')
		if i < 0 {
			return len(b), nil
		}
		if err := p.emit(p.buf[:i+1]); err != nil {
			return len(b), err
		}
		p.buf = p.buf[i+1:]
	}
}

// Flush writes what is left of a line.
func (p *prefixWriter) Flush() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.buf) == 0 {
		return nil
	}
	err := p.emit(append(p.buf, '\n'))
	p.buf = nil
	return err
}

func (p *prefixWriter) emit(line []byte) error {
	if len(bytes.TrimSpace(line)) == 0 {
		return nil // the blank lines that separate a lone scan's sections
	}
	_, err := p.out.Write(append(append([]byte{}, p.prefix...), line...))
	return err
}
