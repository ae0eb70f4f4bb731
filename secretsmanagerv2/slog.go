package secretsmanagerv2

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/IBM/go-sdk-core/v5/core"

	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/transport"
)

// SlogLogger is a go-sdk-core Logger that writes to a log/slog Logger, so that the debug logs of
// this SDK (and of go-sdk-core, such as its authenticators) go where the rest of a program's logs
// go. Install it for every client with core.SetLogger:
//
//	core.SetLogger(sm.NewSlogLogger(slog.Default(), core.LevelDebug))
//
// Every message is redacted before it reaches slog, as the SDK's own logs are: the values of
// secret properties (payload, password, private_key, api_key, credentials, ...) of any JSON it
// holds, and Authorization headers, are replaced by "[redacted]", and go-sdk-core's own redaction
// (core.RedactSecrets) is applied too. A message is one slog record at the matching level
// (Error, Warn, Info, Debug), with the attribute component=secretsmanagerv2.
type SlogLogger struct {
	logger *slog.Logger
	level  atomic.Int32
}

var _ core.Logger = (*SlogLogger)(nil)

// NewSlogLogger returns a SlogLogger writing to logger (slog.Default() when nil) the messages of
// level and more severe ones. The handler of logger filters too: a debug message is written only
// when level is core.LevelDebug and the handler is enabled for slog.LevelDebug.
func NewSlogLogger(logger *slog.Logger, level core.LogLevel) *SlogLogger {
	if logger == nil {
		logger = slog.Default()
	}
	l := &SlogLogger{logger: logger.With(slog.String("component", "secretsmanagerv2"))}
	l.level.Store(int32(level))
	return l
}

// slogLevel maps a go-sdk-core level to a slog level.
func slogLevel(level core.LogLevel) slog.Level {
	switch level {
	case core.LevelError:
		return slog.LevelError
	case core.LevelWarn:
		return slog.LevelWarn
	case core.LevelInfo:
		return slog.LevelInfo
	default:
		return slog.LevelDebug
	}
}

// Log writes the message format and inserts make (as fmt.Sprintf does), redacted, at level.
func (l *SlogLogger) Log(level core.LogLevel, format string, inserts ...interface{}) {
	if !l.IsLogLevelEnabled(level) {
		return
	}
	msg := fmt.Sprintf(format, inserts...)
	l.logger.Log(context.Background(), slogLevel(level), strings.TrimRight(redactText(msg), "\n"))
}

// Error logs a message at level Error.
func (l *SlogLogger) Error(format string, inserts ...interface{}) {
	l.Log(core.LevelError, format, inserts...)
}

// Warn logs a message at level Warn.
func (l *SlogLogger) Warn(format string, inserts ...interface{}) {
	l.Log(core.LevelWarn, format, inserts...)
}

// Info logs a message at level Info.
func (l *SlogLogger) Info(format string, inserts ...interface{}) {
	l.Log(core.LevelInfo, format, inserts...)
}

// Debug logs a message at level Debug.
func (l *SlogLogger) Debug(format string, inserts ...interface{}) {
	l.Log(core.LevelDebug, format, inserts...)
}

// SetLogLevel sets the most verbose level written.
func (l *SlogLogger) SetLogLevel(level core.LogLevel) { l.level.Store(int32(level)) }

// GetLogLevel returns the most verbose level written.
func (l *SlogLogger) GetLogLevel() core.LogLevel { return core.LogLevel(l.level.Load()) }

// IsLogLevelEnabled reports whether a message of level is written: level is within the one set
// and the slog handler is enabled for it.
func (l *SlogLogger) IsLogLevelEnabled(level core.LogLevel) bool {
	return level != core.LevelNone && level <= l.GetLogLevel() &&
		l.logger.Enabled(context.Background(), slogLevel(level))
}

// sensitiveJSONString matches a JSON property named as a sensitive key whose value is a string.
var sensitiveJSONString = func() *regexp.Regexp {
	keys := make([]string, 0, len(sensitiveKeys))
	for k := range sensitiveKeys {
		keys = append(keys, regexp.QuoteMeta(k))
	}
	sort.Strings(keys)
	return regexp.MustCompile(`(?i)"(` + strings.Join(keys, "|") + `)"\s*:\s*"(?:[^"\\]|\\.)*"`)
}()

// authHeaderLine matches a header line of a secret-bearing header in a request or response dump.
var authHeaderLine = func() *regexp.Regexp {
	names := make([]string, 0, len(sensitiveHeaders))
	for h := range sensitiveHeaders {
		names = append(names, regexp.QuoteMeta(h))
	}
	sort.Strings(names)
	return regexp.MustCompile(`(?im)^((?:` + strings.Join(names, "|") + `)\s*:\s*).+$`)
}()

// redactText redacts a log message that may hold JSON or HTTP headers: the SDK's messages are
// already redacted, this catches what other code logs through the same logger.
func redactText(msg string) string {
	msg = core.RedactSecrets(msg)
	msg = sensitiveJSONString.ReplaceAllStringFunc(msg, func(m string) string {
		return m[:strings.Index(m, ":")+1] + `"` + redacted + `"`
	})
	return authHeaderLine.ReplaceAllString(msg, "${1}"+redacted)
}

// RedactedJSON returns v (a secret, a version, a configuration, a page, any model) encoded as
// indented JSON, with the values of its secret properties (payload, data, password, private_key,
// api_key, credentials, ...) replaced by "[redacted]" at any depth: what a program may print or
// log to show what it read.
//
//	fmt.Println(sm.RedactedJSON(secret))
func RedactedJSON(v interface{}) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("<%T not shown: %v>", v, err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var generic interface{}
	if err := d.Decode(&generic); err != nil {
		return fmt.Sprintf("<%T not shown>", v)
	}
	out, err := json.MarshalIndent(transport.Redact(generic, true), "", "  ")
	if err != nil {
		return fmt.Sprintf("<%T not shown>", v)
	}
	return string(out)
}
