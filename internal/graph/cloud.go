package graph

import (
	"fmt"
	"sort"
	"strings"
)

// Cloud names the endpoints of one Microsoft cloud.
type Cloud struct {
	Name          string // global, usgov, usgovdod, china
	GraphURL      string // scheme and host, no path: https://graph.microsoft.com
	AuthorityHost string // https://login.microsoftonline.com
	ARMURL        string // https://management.azure.com
}

var clouds = map[string]Cloud{
	"global": {
		Name:          "global",
		GraphURL:      "https://graph.microsoft.com",
		AuthorityHost: "https://login.microsoftonline.com",
		ARMURL:        "https://management.azure.com",
	},
	"usgov": {
		Name:          "usgov",
		GraphURL:      "https://graph.microsoft.us",
		AuthorityHost: "https://login.microsoftonline.us",
		ARMURL:        "https://management.usgovcloudapi.net",
	},
	"usgovdod": {
		Name:          "usgovdod",
		GraphURL:      "https://dod-graph.microsoft.us",
		AuthorityHost: "https://login.microsoftonline.us",
		ARMURL:        "https://management.usgovcloudapi.net",
	},
	"china": {
		Name:          "china",
		GraphURL:      "https://microsoftgraph.chinacloudapi.cn",
		AuthorityHost: "https://login.chinacloudapi.cn",
		ARMURL:        "https://management.chinacloudapi.cn",
	},
}

// CloudNames lists the accepted --cloud values in a stable order.
func CloudNames() []string {
	names := make([]string, 0, len(clouds))
	for n := range clouds {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LookupCloud returns the cloud called name (case-insensitive).
func LookupCloud(name string) (Cloud, error) {
	c, ok := clouds[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return Cloud{}, fmt.Errorf("unknown cloud %q: use one of %s", name, strings.Join(CloudNames(), ", "))
	}
	return c, nil
}

// Scope is the MSAL scope that asks for a token for the API at baseURL,
// e.g. "https://graph.microsoft.com/.default".
func Scope(baseURL string) string {
	return strings.TrimRight(baseURL, "/") + "/.default"
}
