package review

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/entra-audit/entra-audit/internal/policy"
)

// sideConfig reads --config as the side sees it: at the side's commit when
// the file lies inside the repository (a pull request's configuration is
// part of what it changes), else from disk. No --config is no
// configuration; a file the side's commit lacks is an empty one.
func sideConfig(ctx context.Context, repo, commit, file, work string) (*policy.Config, error) {
	if file == "" {
		return nil, nil
	}
	rel := ""
	if repo != "" {
		rel = repoPath(repo, file)
	}
	if commit == "" || rel == "" {
		return policy.LoadConfig(file)
	}
	data, err := git(ctx, repo, "show", commit+":"+rel)
	if err != nil {
		if _, lsErr := git(ctx, repo, "cat-file", "-e", commit+":"+rel); lsErr != nil {
			return policy.ParseConfig(rel+" (absent at "+short(commit)+")", []byte("{}\n"))
		}
		return nil, err
	}
	return policy.ParseConfig(rel+" at "+short(commit), data)
}

// sidePath is a --policy folder as the side sees it: materialized from
// the side's commit when inside the repository, else the folder on disk.
func sidePath(ctx context.Context, repo, commit, p, dest string) (string, error) {
	rel := ""
	if repo != "" {
		rel = repoPath(repo, p)
	}
	if commit == "" || rel == "" {
		return p, nil
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return "", err
	}
	if err := materialize(ctx, repo, commit, rel, dest); err != nil {
		return "", err
	}
	return dest, nil
}

// treeText is every file under dir with its name, in order: enough to tell
// whether two policy folders differ.
func treeText(dir string) (string, error) {
	var parts []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		parts = append(parts, filepath.ToSlash(rel)+"\x00"+string(b))
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("read %s: %w", dir, err)
	}
	sort.Strings(parts)
	return strings.Join(parts, "\x00\x00"), nil
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}
