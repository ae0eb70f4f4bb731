package common

import (
	"regexp"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestGetSdkHeaders(t *testing.T) {
	h := GetSdkHeaders("secrets_manager", "V2", "get_secret")
	require.Len(t, h, 2)
	require.Regexp(t, regexp.MustCompile(`^secrets-manager-go-sdk/\d+\.\d+\.\d+ \(lang=go; arch=[^;]+; os=[^;]+; go\.version=go[^)]+\)$`), h["User-Agent"])
	require.Contains(t, h["User-Agent"], "arch="+runtime.GOARCH)
	require.Contains(t, h["User-Agent"], "os="+runtime.GOOS)
	require.Equal(t, "service_name=secrets_manager;service_version=V2;operation_id=get_secret", h["X-IBMCloud-SDK-Analytics"])
	require.Equal(t, h["User-Agent"], UserAgent())
	require.Equal(t, Version, GetComponentInfo().Version)
}
