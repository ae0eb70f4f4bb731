// Package common holds what every request of the Secrets Manager SDK shares: the SDK version and
// the headers that identify the SDK to the service.
package common

// Version is the version of this SDK.
const Version = "2.1.0"
