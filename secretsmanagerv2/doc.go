// Package secretsmanagerv2 is a Go client for the IBM Cloud Secrets Manager v2 API: create, read,
// rotate, lock and list secrets of every type, manage secret groups, configurations and Event
// Notifications registration.
//
// It is a drop-in replacement for the official SDK of the same import path: every type, function,
// method and constant of that SDK exists here with the same signature, and code written for it,
// including every Go example of the API reference, compiles and behaves the same. Beyond it, this
// package decodes types the service adds later instead of failing, offers range-over-func iterators
// on every pager, typed errors (errors.Is(err, ErrNotFound)), retries that never repeat a request
// that may have changed something, and debug logs without secret values.
//
// The mechanical part (models, options, operations, pagers) is generated from the API description
// in internal/apidef by internal/gen; run `go generate ./...` after changing that description.
package secretsmanagerv2
