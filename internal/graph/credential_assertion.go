package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

const gitHubOIDCTimeout = 30 * time.Second

type assertionFunc = func(context.Context, confidential.AssertionRequestOptions) (string, error)

// federatedFileAssertion reads the token file on every call: Kubernetes
// workload identity rotates it, and a cached copy would expire.
func federatedFileAssertion(path string) assertionFunc {
	return func(context.Context, confidential.AssertionRequestOptions) (string, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("reading the federated token file (%s): %w", EnvFederatedTokenFile, err)
		}
		token := strings.TrimSpace(string(b))
		if token == "" {
			return "", fmt.Errorf("federated token file %s (%s) is empty", path, EnvFederatedTokenFile)
		}
		return token, nil
	}
}

// gitHubAssertion fetches a fresh GitHub Actions OIDC token for every
// assertion: they live minutes, and Entra rejects expired ones (AADSTS700024).
func gitHubAssertion(requestURL string, requestToken Secret, hc *http.Client) (assertionFunc, error) {
	u, err := url.Parse(requestURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !authLoopbackHost(u.Hostname())) {
		return nil, fmt.Errorf("%s is not an https URL", EnvGitHubOIDCURL)
	}
	q := u.Query() // the runner's URL already carries api-version
	q.Set("audience", GitHubOIDCAudience)
	u.RawQuery = q.Encode()
	endpoint := u.Scheme + "://" + u.Host + u.Path // for errors: no query
	if hc == nil {
		hc = &http.Client{Timeout: gitHubOIDCTimeout}
	}
	return func(ctx context.Context, _ confidential.AssertionRequestOptions) (string, error) {
		ctx, cancel := context.WithTimeout(ctx, gitHubOIDCTimeout) // a stuck runner service must not hang the scan
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return "", fmt.Errorf("building the GitHub OIDC token request: %v", err)
		}
		req.Header.Set("Authorization", "Bearer "+requestToken.Reveal())
		req.Header.Set("Accept", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			var ue *url.Error
			if errors.As(err, &ue) {
				err = ue.Err // url.Error repeats the URL, query included
			}
			return "", fmt.Errorf("requesting a GitHub OIDC token from %s: %v", endpoint, err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		if err != nil {
			return "", fmt.Errorf("reading the GitHub OIDC token from %s: %v", endpoint, err)
		}
		if resp.StatusCode != http.StatusOK {
			return "", fmt.Errorf("GitHub OIDC token request to %s: HTTP %d (the job needs `permissions: id-token: write`, and %s must be fresh)",
				endpoint, resp.StatusCode, EnvGitHubOIDCToken)
		}
		var reply struct {
			Value string `json:"value"`
		}
		if json.Unmarshal(body, &reply) != nil || reply.Value == "" {
			return "", fmt.Errorf("GitHub OIDC token reply from %s has no \"value\"", endpoint)
		}
		return reply.Value, nil
	}, nil
}

func authLoopbackHost(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}
