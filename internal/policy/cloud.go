package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The cloud the tenant is in (docs/policy-authoring.md, "The cloud"): the
// snapshot manifest's recorded cloud is a fact; the configuration's cloud
// applies when the manifest does not know it (cloud: unknown, as snapshot
// writes when --graph-url replaced the endpoint without --cloud); both
// known and different is an error naming both. input.meta.cloud carries the
// result and input.meta.cloudSource where it came from.

// CloudUnknown is the cloud of a snapshot whose endpoint did not say which
// cloud it is (its manifest records unknown), with no cloud configured.
const CloudUnknown = "unknown"

// Where input.meta.cloud comes from (input.meta.cloudSource).
const (
	CloudFromManifest = "manifest" // the snapshot recorded it
	CloudFromConfig   = "config"   // entra-audit.yaml's cloud, the manifest did not know
	CloudFromNone     = "none"     // neither knows: input.meta.cloud is unknown
)

// CloudConflictError is the snapshot's manifest and the configuration
// naming two different clouds: the audit stops (a configuration error).
type CloudConflictError struct {
	Manifest, Config, ConfigFile string
}

func (e *CloudConflictError) Error() string {
	file := e.ConfigFile
	if file == "" {
		file = "the configuration"
	}
	return fmt.Sprintf("cloud: the snapshot was collected in cloud %s (manifest.yaml) but %s says cloud %s: "+
		"audit a snapshot of the right tenant, or correct cloud in %s", e.Manifest, file, e.Config, file)
}

// ResolveCloud applies the rule to the manifest's cloud and the
// configuration's (empty: not set), naming the configuration file in errors.
func ResolveCloud(manifest, config, configFile string) (cloud, source string, err error) {
	known := func(c string) bool { return slices.Contains(Clouds, c) }
	switch {
	case manifest != "" && manifest != CloudUnknown && !known(manifest):
		return "", "", fmt.Errorf("the snapshot's manifest.yaml records cloud %q, which is none of %s: "+
			"take the snapshot again with this version of entra-audit", manifest, strings.Join(append(slices.Clone(Clouds), CloudUnknown), ", "))
	case known(manifest) && config != "" && config != manifest:
		return "", "", &CloudConflictError{Manifest: manifest, Config: config, ConfigFile: configFile}
	case known(manifest):
		return manifest, CloudFromManifest, nil
	case config != "":
		return config, CloudFromConfig, nil
	}
	return CloudUnknown, CloudFromNone, nil
}

// document is the input policies see: the caller's input with
// meta.evaluationTime, meta.cloud and meta.cloudSource set, the caller's
// map left untouched.
func (e *Engine) document(input map[string]any, t time.Time) (map[string]any, error) {
	doc := withEvaluationTime(input, t)
	meta := doc["meta"].(map[string]any) // withEvaluationTime's own copy
	manifest, _ := meta["cloud"].(string)
	cloud, source, err := ResolveCloud(manifest, e.config.Cloud, e.config.path)
	if err != nil {
		return nil, err
	}
	meta["cloud"], meta["cloudSource"] = cloud, source
	return doc, nil
}
