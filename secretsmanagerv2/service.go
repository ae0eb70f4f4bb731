package secretsmanagerv2

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

// DefaultServiceURL is the default URL to make service requests to; replace it with your instance's URL.
const DefaultServiceURL = "https://provide-here-your-smgr-instanceuuid.us-south.secrets-manager.appdomain.cloud"

// DefaultServiceName is the default key used to find external configuration information
// (environment variables SECRETS_MANAGER_URL, SECRETS_MANAGER_APIKEY, SECRETS_MANAGER_AUTH_TYPE,
// a credentials file, or VCAP_SERVICES).
const DefaultServiceName = "secrets_manager"

// ParameterizedServiceURL is the service URL template; ConstructServiceURL fills in its variables.
const ParameterizedServiceURL = "https://{instance_id}.{region}.secrets-manager.appdomain.cloud"

// DefaultTimeout bounds a whole call (its attempts and the waits between them) when the caller's
// context has no deadline of its own. Change it per client with SetTimeout.
const DefaultTimeout = 60 * time.Second

// defaultURLVariables are the defaults of the variables of ParameterizedServiceURL.
var defaultURLVariables = map[string]string{
	"instance_id": "provide-here-your-smgr-instanceuuid",
	"region":      "us-south",
}

// regionURLs maps every location the API reference lists, public and private endpoints, to the
// service URL template of that location ({instance_id} still to be filled in).
var regionURLs = map[string]string{}

// regions are the locations Secrets Manager is offered in, as the API reference gives them.
var regions = []string{"us-south", "us-east", "eu-de", "eu-gb", "eu-es", "jp-osa", "jp-tok", "au-syd", "br-sao", "ca-tor"}

// Regions returns the locations Secrets Manager is offered in, as the API reference gives them: the
// names GetServiceURLForRegion accepts (each also with the "private." prefix). The slice is a copy.
func Regions() []string {
	return append([]string(nil), regions...)
}

func init() {
	for _, r := range regions {
		regionURLs[r] = "https://{instance_id}." + r + ".secrets-manager.appdomain.cloud"
		regionURLs["private."+r] = "https://{instance_id}.private." + r + ".secrets-manager.appdomain.cloud"
	}
}

// SecretsManagerV2 is the client of the IBM Cloud Secrets Manager v2 API. With IBM Cloud Secrets
// Manager, you can create, lease, and centrally manage secrets that are used in IBM Cloud services
// or your custom-built applications.
//
// A SecretsManagerV2 is safe for concurrent use by many goroutines once configured: share one
// client across a program rather than making one per request. Its configuration methods
// (SetServiceURL, EnableRetries, SetTimeout, ...) should be called before it is shared.
type SecretsManagerV2 struct {
	Service *core.BaseService

	// config holds the retry policy and timeout. It is a pointer so that the struct can be copied
	// like the official SDK's; Clone gives the copy its own.
	config *clientConfig
}

// clientConfig is the part of a client's configuration that is not in its core.BaseService.
type clientConfig struct {
	mu sync.RWMutex
	clientSettings
}

// clientSettings are the values of a clientConfig, copied out for each call.
type clientSettings struct {
	retry           transport.Policy
	timeout         time.Duration
	followRedirects bool         // SetFollowRedirects
	maxBody         int64        // bound on a response body; 0: maxResponseBody
	limiter         *RateLimiter // SetRateLimiter; shared by clones
}

// conf returns the client's configuration, making it for a client built as a struct literal.
func (secretsManager *SecretsManagerV2) conf() *clientConfig {
	if secretsManager.config == nil {
		secretsManager.config = &clientConfig{clientSettings: clientSettings{timeout: DefaultTimeout}}
	}
	return secretsManager.config
}

// SecretsManagerV2Options are the options of NewSecretsManagerV2 and NewSecretsManagerV2UsingExternalConfig.
type SecretsManagerV2Options struct {
	// ServiceName is the name external configuration is read for (DefaultServiceName when empty):
	// its environment variables are the upper-cased name followed by _URL, _APIKEY, _AUTH_TYPE, ...
	ServiceName string

	// URL is the service URL of your instance, such as
	// https://{instance_id}.us-south.secrets-manager.appdomain.cloud.
	URL string

	// Authenticator authenticates every request: core.IamAuthenticator with an API key for IBM
	// Cloud, core.NoAuthAuthenticator for a test server.
	Authenticator core.Authenticator
}

// NewSecretsManagerV2UsingExternalConfig constructs a client whose authenticator and service URL
// come from external configuration (environment variables such as SECRETS_MANAGER_URL,
// SECRETS_MANAGER_APIKEY and SECRETS_MANAGER_AUTH_TYPE, a credentials file, or VCAP_SERVICES) for
// options.ServiceName (DefaultServiceName when empty). Values set in options take precedence.
func NewSecretsManagerV2UsingExternalConfig(options *SecretsManagerV2Options) (secretsManager *SecretsManagerV2, err error) {
	if options == nil {
		options = &SecretsManagerV2Options{}
	}
	opts := *options
	if opts.ServiceName == "" {
		opts.ServiceName = DefaultServiceName
	}
	if opts.Authenticator == nil {
		opts.Authenticator, err = core.GetAuthenticatorFromEnvironment(opts.ServiceName)
		if err != nil {
			return nil, core.SDKErrorf(err, "", "env-auth-error", componentInfo)
		}
		if core.IsNil(opts.Authenticator) {
			return nil, core.SDKErrorf(noExternalConfigError(opts.ServiceName), "", "missing-auth", componentInfo)
		}
	}
	secretsManager, err = NewSecretsManagerV2(&opts)
	if err != nil {
		return nil, err
	}
	if err = secretsManager.Service.ConfigureService(opts.ServiceName); err != nil {
		return nil, core.SDKErrorf(err, "", "client-config-error", componentInfo)
	}
	if u := secretsManager.GetServiceURL(); opts.URL == "" && u != "" {
		if err = checkServiceURL(u); err != nil {
			return nil, core.SDKErrorf(err, "", "client-config-error", componentInfo)
		}
	}
	// go-sdk-core may have enabled its own retries from the configuration: use this SDK's policy instead.
	if props, _ := core.GetServiceProperties(opts.ServiceName); strings.EqualFold(props["ENABLE_RETRIES"], "true") {
		maxRetries, _ := strconv.Atoi(props["MAX_RETRIES"])
		interval, _ := strconv.Atoi(props["RETRY_INTERVAL"])
		secretsManager.EnableRetries(maxRetries, time.Duration(interval)*time.Second)
	}
	if opts.URL != "" {
		if err = secretsManager.SetServiceURL(opts.URL); err != nil {
			return nil, err
		}
	}
	return secretsManager, nil
}

// noExternalConfigError is the error of NewSecretsManagerV2UsingExternalConfig when no external
// configuration names an authenticator: it names the environment variables to set.
func noExternalConfigError(serviceName string) error {
	prefix := strings.ReplaceAll(strings.ToUpper(serviceName), "-", "_")
	return fmt.Errorf("%sno authentication configured for service %q: set %s_APIKEY (an IBM Cloud API key) and %s_URL "+
		"(your instance's URL), or %s_AUTH_TYPE with the variables that type needs, or name a credentials file with "+
		"IBM_CREDENTIALS_FILE; or use NewSecretsManagerV2 with options.Authenticator",
		errPrefix, serviceName, prefix, prefix, prefix)
}

// NewSecretsManagerV2 constructs a client. options.Authenticator is required (use
// core.NoAuthAuthenticator for a server that needs none); options.URL is the instance's service URL,
// such as https://{instance_id}.us-south.secrets-manager.appdomain.cloud (a trailing /api is accepted).
func NewSecretsManagerV2(options *SecretsManagerV2Options) (service *SecretsManagerV2, err error) {
	if options == nil {
		return nil, core.SDKErrorf(errors.New(errPrefix+"options must not be nil: an Authenticator is required"), "", "nil-options", componentInfo)
	}
	if core.IsNil(options.Authenticator) {
		return nil, core.SDKErrorf(errors.New(errPrefix+"options.Authenticator is required: use &core.IamAuthenticator{ApiKey: ...} with your API key, or &core.NoAuthAuthenticator{} for a test server; or construct the client with NewSecretsManagerV2UsingExternalConfig"), "", "missing-auth", componentInfo)
	}
	baseService, err := core.NewBaseService(&core.ServiceOptions{
		URL:           DefaultServiceURL,
		Authenticator: options.Authenticator,
	})
	if err != nil {
		return nil, core.SDKErrorf(err, "", "new-base-error", componentInfo)
	}
	baseService.SetHTTPClient(transport.NewHTTPClient())
	service = &SecretsManagerV2{Service: baseService, config: &clientConfig{clientSettings: clientSettings{timeout: DefaultTimeout}}}
	if options.URL != "" {
		if err = service.SetServiceURL(options.URL); err != nil {
			return nil, err
		}
	}
	return service, nil
}

// GetServiceURLForRegion returns the service URL template of a location: a region such as
// "us-south", or "private.us-south" for its private endpoint. The {instance_id} variable is left in
// place; fill it with ConstructServiceURL or strings.Replace.
func GetServiceURLForRegion(region string) (string, error) {
	if u, ok := regionURLs[region]; ok {
		return u, nil
	}
	return "", core.SDKErrorf(fmt.Errorf("service URL for region %q not found", region), "", "invalid-region", componentInfo)
}

// ConstructServiceURL builds a service URL from ParameterizedServiceURL and the given values of its
// variables, instance_id and region; a variable left out takes its default.
func ConstructServiceURL(providedUrlVariables map[string]string) (string, error) {
	u, err := core.ConstructServiceURL(ParameterizedServiceURL, defaultURLVariables, providedUrlVariables)
	if err != nil {
		return "", core.SDKErrorf(err, "", "url-construction-error", componentInfo)
	}
	return u, nil
}

// SetServiceURL sets the service URL, such as https://{instance_id}.us-south.secrets-manager.appdomain.cloud.
// A URL ending in /api, as in the API reference's own example, reaches the same paths. A URL with a
// query (?...) or a fragment (#...) is refused: no operation could reach its path. An empty URL
// is accepted, as by the official SDK, and makes every call fail until a URL is set.
func (secretsManager *SecretsManagerV2) SetServiceURL(url string) error {
	if url != "" {
		if err := checkServiceURL(url); err != nil {
			return core.SDKErrorf(err, "", "url-set-error", componentInfo)
		}
	}
	if err := secretsManager.Service.SetServiceURL(url); err != nil {
		return core.SDKErrorf(err, "", "url-set-error", componentInfo)
	}
	return nil
}

// checkServiceURL rejects a service URL that no request could be sent to.
func checkServiceURL(s string) error { return transport.CheckURL(s, ParameterizedServiceURL) }

// GetServiceURL returns the service URL.
func (secretsManager *SecretsManagerV2) GetServiceURL() string {
	return secretsManager.Service.GetServiceURL()
}

// SetDefaultHeaders sets HTTP headers that are sent with every request. A header of the same name
// given for one call (the Headers of its options) replaces the default one for that call; a
// default header replaces the SDK's own (such as User-Agent).
func (secretsManager *SecretsManagerV2) SetDefaultHeaders(headers http.Header) {
	secretsManager.Service.SetDefaultHeaders(headers)
}

// SetEnableGzipCompression sets whether request bodies are gzip-compressed.
func (secretsManager *SecretsManagerV2) SetEnableGzipCompression(enableGzip bool) {
	secretsManager.Service.SetEnableGzipCompression(enableGzip)
}

// GetEnableGzipCompression reports whether request bodies are gzip-compressed.
func (secretsManager *SecretsManagerV2) GetEnableGzipCompression() bool {
	return secretsManager.Service.GetEnableGzipCompression()
}

// EnableRetries turns on automatic retries: at most maxRetries retries (4 when maxRetries is 0 or
// less) of one call, each wait at most maxRetryInterval (30s when 0 or less). The policy is safe
// for requests that change things:
//   - 429 Too Many Requests is retried for every method, after the Retry-After the service gives
//     (in seconds or as an HTTP date), never waiting longer than maxRetryInterval;
//   - GET, HEAD, PUT, DELETE and OPTIONS are also retried on 500, 502, 503 and 504 and on
//     connection errors, before the answer or while its body is read (a reset, a truncated
//     body), with jittered exponential backoff;
//   - POST and PATCH are never retried once they may have reached the service (a 5xx answer or a
//     connection lost after sending), so a retry cannot create or rotate a secret twice; they are
//     retried only when the connection could not be made at all.
//
// Cancelling the call's context, or reaching its deadline, stops the waiting at once; a wait that
// would end after the deadline is not started. The error then matches the context's error
// (errors.Is(err, context.Canceled) or context.DeadlineExceeded) and still holds the last answer
// (errors.As(err, &apiErr) gives its *APIError).
func (secretsManager *SecretsManagerV2) EnableRetries(maxRetries int, maxRetryInterval time.Duration) {
	if maxRetries <= 0 {
		maxRetries = transport.DefaultMaxRetries
	}
	if maxRetryInterval <= 0 {
		maxRetryInterval = transport.DefaultMaxInterval
	}
	// Make sure go-sdk-core's own retrying client is not also in place.
	secretsManager.Service.DisableRetries()
	secretsManager.update(func(s *clientSettings) {
		s.retry = transport.Policy{MaxRetries: maxRetries, MaxInterval: maxRetryInterval}
	})
}

// DisableRetries turns automatic retries off.
func (secretsManager *SecretsManagerV2) DisableRetries() {
	secretsManager.Service.DisableRetries()
	secretsManager.update(func(s *clientSettings) { s.retry = transport.Policy{} })
}

// SetTimeout sets how long one call may take in all (attempts and retry waits) when its context has
// no deadline; 0 or less means no limit. The default is DefaultTimeout.
func (secretsManager *SecretsManagerV2) SetTimeout(timeout time.Duration) {
	secretsManager.update(func(s *clientSettings) { s.timeout = timeout })
}

// SetFollowRedirects sets whether the client follows redirects (3xx answers with a Location).
// By default it does not: the Secrets Manager API never redirects, and following one would send
// the request, its body (a secret's payload) and its headers (with the bearer token, when the
// target has the same host name on another port) wherever the redirect points, and would turn a
// POST into a GET whose success looks like a successful create. A redirect answer is then an error
// that matches ErrRedirected and names the redirect's target. This holds for an HTTP client set
// with Service.SetHTTPClient too.
//
// With follow true, redirects are followed as the HTTP client's CheckRedirect says (at most 10
// for the client NewSecretsManagerV2 makes and for a client with no CheckRedirect). Enable it only
// for a trusted proxy that needs it.
func (secretsManager *SecretsManagerV2) SetFollowRedirects(follow bool) {
	secretsManager.update(func(s *clientSettings) { s.followRedirects = follow })
}

// GetFollowRedirects reports whether the client follows redirects (see SetFollowRedirects).
func (secretsManager *SecretsManagerV2) GetFollowRedirects() bool {
	return secretsManager.settings().followRedirects
}

// GetTimeout returns the timeout set with SetTimeout.
func (secretsManager *SecretsManagerV2) GetTimeout() time.Duration {
	return secretsManager.settings().timeout
}

// Clone returns a copy of the client that shares its HTTP client (and so its connections) but has
// its own configuration, so that changing one does not change the other.
func (secretsManager *SecretsManagerV2) Clone() *SecretsManagerV2 {
	if secretsManager == nil {
		return nil
	}
	return &SecretsManagerV2{
		Service: secretsManager.Service.Clone(),
		config:  &clientConfig{clientSettings: secretsManager.settings()},
	}
}

// settings returns the configuration in force.
func (secretsManager *SecretsManagerV2) settings() clientSettings {
	c := secretsManager.config
	if c == nil {
		return clientSettings{timeout: DefaultTimeout}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.clientSettings
}

// update changes the configuration.
func (secretsManager *SecretsManagerV2) update(change func(*clientSettings)) {
	c := secretsManager.conf()
	c.mu.Lock()
	change(&c.clientSettings)
	c.mu.Unlock()
}
