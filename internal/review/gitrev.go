package review

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// maxArchive bounds what one revision may unpack to (a snapshot file is
// at most 8 MiB; a large tenant's tree is a few hundred MiB at most).
const maxArchive = 2 << 30

// Spec is a tree as given: a directory, or REV:PATH in the repository.
type Spec struct {
	Dir  string // a directory on disk, or ""
	Rev  string // a git revision ("origin/main", a SHA)
	Path string // the path in the repository at Rev ("baselines/contoso"); "" or "." for the root
}

// ParseSpec reads a --base/--head value: an existing directory is a
// directory; otherwise REV:PATH (the first colon splits: revisions never
// contain one, and a Windows drive letter means an existing directory).
func ParseSpec(s string) (Spec, error) {
	if st, err := os.Stat(s); err == nil {
		if !st.IsDir() {
			return Spec{}, fmt.Errorf("%s is a file: give a directory or REV:PATH", s)
		}
		return Spec{Dir: s}, nil
	}
	rev, p, ok := strings.Cut(s, ":")
	if !ok || rev == "" {
		return Spec{}, fmt.Errorf("%s is neither a directory nor REV:PATH (e.g. origin/main:baselines/contoso)", s)
	}
	if strings.HasPrefix(rev, "-") {
		return Spec{}, fmt.Errorf("%s: a revision cannot start with '-'", s)
	}
	p = path.Clean("/" + filepath.ToSlash(p))[1:]
	return Spec{Rev: rev, Path: p}, nil
}

func (s Spec) String() string {
	if s.Dir != "" {
		return s.Dir
	}
	return s.Rev + ":" + s.Path
}

// git runs git in repo and returns its standard output.
func git(ctx context.Context, repo string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", repo}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// Never prompt, never reach a network: a revision is read from the local repository.
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if errors.Is(err, exec.ErrNotFound) {
			msg = "git is not installed"
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), firstLine(msg))
	}
	return out, nil
}

// resolve returns the commit a revision names.
func resolve(ctx context.Context, repo, rev string) (string, error) {
	out, err := git(ctx, repo, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("revision %q is not in the repository %s (fetch it first, e.g. git fetch origin main): %w", rev, repo, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// materialize writes the tree at commit:p into dest (created), with only
// regular files and directories, every name checked to stay inside dest.
func materialize(ctx context.Context, repo, commit, p, dest string) error {
	args := []string{"archive", "--format=tar", commit}
	if p != "" && p != "." {
		args = append(args, "--", p)
	}
	out, err := git(ctx, repo, args...)
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(dest)
	if err != nil {
		return err
	}
	defer root.Close()
	tr := tar.NewReader(bytes.NewReader(out))
	var total int64
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read the archive of %s:%s: %w", commit, p, err)
		}
		name := h.Name
		if p != "" && p != "." {
			rel, ok := strings.CutPrefix(name, p)
			if !ok {
				continue
			}
			name = strings.TrimPrefix(rel, "/")
		}
		if name == "" {
			continue
		}
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return fmt.Errorf("%s:%s holds %q, outside the tree", commit, p, h.Name)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if err := root.MkdirAll(strings.TrimSuffix(name, "/"), 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if total += h.Size; total > maxArchive {
				return fmt.Errorf("%s:%s is larger than %d bytes", commit, p, maxArchive)
			}
			if d := path.Dir(name); d != "." {
				if err := root.MkdirAll(d, 0o755); err != nil {
					return err
				}
			}
			f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, io.LimitReader(tr, h.Size))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		default:
			// Symlinks and submodules are not part of a snapshot, a config or a policy folder.
		}
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
