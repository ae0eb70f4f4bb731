package secretsmanagerv2_test

// The generated files of this package (*_gen.go) are written by internal/gen from the API
// description in internal/apidef. The directive lives in this file because go generate reads the
// files of a package in order and this one comes last: the generator may remove a *_gen.go file
// that is no longer produced, which go generate must not try to read afterwards.

//go:generate go run ../internal/gen -def ../internal/apidef -out .
