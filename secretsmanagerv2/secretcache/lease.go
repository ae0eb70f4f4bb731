package secretcache

import (
	"strconv"
	"strings"
	"time"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// leaseEnd returns when the credentials of a dynamic secret (iam_credentials, service_credentials,
// custom_credentials) expire: its expiration_date, or else its ttl counted from now. It is zero for
// other secrets.
func leaseEnd(s sm.SecretIntf, sc sm.SecretCommon, now time.Time) time.Time {
	var ttl *string
	switch v := s.(type) {
	case *sm.IAMCredentialsSecret:
		ttl = v.TTL
	case *sm.ServiceCredentialsSecret:
		ttl = v.TTL
	case *sm.CustomCredentialsSecret:
		ttl = v.TTL
	default:
		return time.Time{}
	}
	if sc.ExpirationDate != nil {
		if t := time.Time(*sc.ExpirationDate); !t.IsZero() {
			return t
		}
	}
	if ttl != nil {
		if d, ok := parseTTL(*ttl); ok && d > 0 {
			return now.Add(d)
		}
	}
	return time.Time{}
}

// parseTTL reads a time-to-live as the service gives it: a number of seconds ("1800"), or a
// duration with a unit ("30m", "12h", "1d").
func parseTTL(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Duration(n) * time.Second, true
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.ParseInt(days, 10, 64); err == nil {
			return time.Duration(n) * 24 * time.Hour, true
		}
	}
	d, err := time.ParseDuration(s)
	return d, err == nil
}
