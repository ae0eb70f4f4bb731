// Package transport is the request path that the clients of this module share (the v2 client of
// package secretsmanagerv2 and the Vault-compatible client of package vault): Do sends a call
// with its URL checked, its headers and authentication (the client's Prepare), redirects refused,
// the retry rules (Policy: which answers and transport errors are retried, for which methods, how
// long to wait, a wait never started when it would end after the deadline), the client-side rate
// limiter (Limiter), the body read within bounds (ReadBody, gzip inflated by the client itself),
// and the debug log with every secret redacted (Redact, Secrets). Each client keeps only what its
// API makes different: its routes, headers, login, and the form of its errors.
package transport
