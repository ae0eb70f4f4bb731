package common

import (
	"fmt"
	"runtime"

	"github.com/IBM/go-sdk-core/v5/core"
)

const (
	// sdkName is the name this SDK gives itself in the User-Agent header.
	sdkName = "secrets-manager-go-sdk"
	// headerNameUserAgent is the name of the User-Agent header.
	headerNameUserAgent = "User-Agent"
	// headerNameAnalytics is the name of the header that tells the service which operation is called.
	headerNameAnalytics = "X-IBMCloud-SDK-Analytics"
)

// userAgent is computed once: it only depends on the build.
var userAgent = fmt.Sprintf("%s/%s (lang=go; arch=%s; os=%s; go.version=%s)", sdkName, Version, runtime.GOARCH, runtime.GOOS, runtime.Version())

// GetSdkHeaders returns the headers that identify the SDK and the operation to the service: the
// User-Agent (secrets-manager-go-sdk/<version> (lang=go; arch=…; os=…; go.version=…)) and the
// X-IBMCloud-SDK-Analytics header naming the service, its version and the operation.
func GetSdkHeaders(serviceName string, serviceVersion string, operationID string) map[string]string {
	return map[string]string{
		headerNameUserAgent: userAgent,
		headerNameAnalytics: AnalyticsHeader(serviceName, serviceVersion, operationID),
	}
}

// UserAgent returns the User-Agent header value of this SDK.
func UserAgent() string {
	return userAgent
}

// AnalyticsHeader returns the X-IBMCloud-SDK-Analytics header value for one operation.
func AnalyticsHeader(serviceName string, serviceVersion string, operationID string) string {
	return "service_name=" + serviceName + ";service_version=" + serviceVersion + ";operation_id=" + operationID
}

// GetComponentInfo returns the component (this SDK and its version) that problems are reported for.
func GetComponentInfo() *core.ProblemComponent {
	return core.NewProblemComponent("github.com/IBM/secrets-manager-go-sdk/v2", Version)
}
