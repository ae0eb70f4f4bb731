package secretsmanagertest

// Persistence: a Handler opened with OpenHandler keeps its state in a data
// file, an append-only log of records. Each record holds the whole new state
// of every object one committed request changed (a secret with its versions,
// the groups, the configurations, the rest), encoded by persist_codec.go,
// framed by its length and a CRC-32C, and is on disk (fsync) before the
// request is answered; concurrent requests share their fsyncs. At start the
// records are replayed; a torn last record (a write that was not answered)
// is dropped and reported; a damaged record before the end makes
// OpenHandler fail (or, with WithDataFileRecovery, the file is cut there
// after a copy is kept). The file is then rewritten as one record
// (compaction), and again by Close.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/maphash"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"
)

// dataFileMagic starts every data file.
const dataFileMagic = "SMLOCAL\x01"

// maxRecord bounds the size of one record of the data file.
const maxRecord = 1 << 30

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// Entity keys in a record: secrets by ID, and the three singletons.
const (
	keyGroups  = "groups"
	keyConfigs = "configurations"
	keyMisc    = "instance"
	keySecret  = "secret/"
)

// Record flags.
const flagFull = 1 // the record replaces the whole state

// persistMisc is the state besides secrets, groups and configurations.
type persistMisc struct {
	Seq      int64
	Notif    map[string]any
	PublicCA *caMaterial
	Vault    vaultState
	Clock    time.Duration
	Instance string // the instance ID, in every CRN
}

// persister writes the records of one Handler.
type persister struct {
	path   string
	seed   maphash.Seed
	hashes map[string]uint64 // entity key -> hash of the encoding last written

	mu       sync.Mutex
	cond     *sync.Cond
	f        *os.File
	pending  []byte // framed records not yet written
	appended int64  // records appended
	synced   int64  // records written and synced
	syncing  bool
	err      error // sticky write error
	closed   bool
	written  int64 // bytes appended since the last compaction
	compact  int64 // the size of the last compaction
}

// compactAfter is the growth of the data file, beyond 4 times its last
// compaction, after which the next write compacts it (a variable for tests).
var compactAfter int64 = 64 << 20

// DataFileError is the error of OpenHandler for a data file it cannot use:
// damaged (a record that fails its checksum or cannot be read, before the
// end of the file) or unreadable.
type DataFileError struct {
	Path   string
	Offset int64 // where the damage starts; -1 when it is not about a record
	Reason string
}

// Error implements error.
func (e *DataFileError) Error() string {
	if e.Offset < 0 {
		return fmt.Sprintf("data file %s: %s", e.Path, e.Reason)
	}
	return fmt.Sprintf("data file %s: damaged at byte %d: %s", e.Path, e.Offset, e.Reason)
}

// WithDataFileRecovery makes OpenHandler recover a damaged data file instead
// of failing: the state is the one of the last whole record before the
// damage, the file as it was is kept next to it (with the suffix
// ".damaged-<time>"), and the recovery is reported through the logf of
// WithLogf.
func WithDataFileRecovery() Option {
	return func(c *config) { c.recoverData = true }
}

// OpenHandler returns a Handler whose state is kept in the data file path
// (created when missing, mode 0600): every request answered with success is
// on disk before its answer, and survives a crash of the process and a new
// OpenHandler on the same file. A last record cut by a crash is dropped and
// reported through WithLogf; a damaged file gives a *DataFileError (see
// WithDataFileRecovery). Call Close when done: it compacts the file.
func OpenHandler(path string, opts ...Option) (*Handler, error) {
	if path == "" {
		return nil, &DataFileError{Path: path, Offset: -1, Reason: "no path given"}
	}
	h := NewHandler(opts...)
	p := &persister{path: path, seed: maphash.MakeSeed(), hashes: map[string]uint64{}}
	p.cond = sync.NewCond(&p.mu)
	entities, err := h.replay(path)
	if err != nil {
		return nil, err
	}
	if err := h.restore(entities); err != nil {
		return nil, &DataFileError{Path: path, Offset: -1, Reason: err.Error()}
	}
	h.persist = p
	h.mu.Lock()
	err = h.compactFrom(entities)
	h.mu.Unlock()
	entities = nil
	debug.FreeOSMemory() // the file read and the encodings are garbage now
	if err != nil {
		return nil, &DataFileError{Path: path, Offset: -1, Reason: err.Error()}
	}
	return h, nil
}

// OpenServer starts a Server (like NewServer) over OpenHandler(path, opts...).
func OpenServer(path string, opts ...Option) (*Server, error) {
	h, err := OpenHandler(path, opts...)
	if err != nil {
		return nil, err
	}
	s := &Server{Handler: h, ts: httptest.NewUnstartedServer(h)}
	s.Start()
	return s, nil
}

// Close writes what is pending, compacts the data file of a Handler from
// OpenHandler and closes it; requests that change something are answered 503
// after. It does nothing for a Handler without data file. Call it once no
// request is in flight (after http.Server.Shutdown).
func (h *Handler) Close() error {
	p := h.persist
	if p == nil {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := p.wait(-1); err != nil && !errors.Is(err, errPersistClosed) {
		return err
	}
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		return nil
	}
	err := h.compactLocked()
	p.mu.Lock()
	p.closed = true
	if p.f != nil {
		if cerr := p.f.Close(); err == nil {
			err = cerr
		}
		p.f = nil
	}
	p.mu.Unlock()
	return err
}

var errPersistClosed = errors.New("the data file is closed")

// ---- reading ----

// replay reads the data file into the latest encoding of every entity.
func (h *Handler) replay(path string) (map[string][]byte, error) {
	entities := map[string][]byte{}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return entities, nil
	}
	if err != nil {
		return nil, &DataFileError{Path: path, Offset: -1, Reason: err.Error()}
	}
	if len(data) == 0 {
		return entities, nil // created, crashed before its header was synced
	}
	if len(data) < len(dataFileMagic) || string(data[:len(dataFileMagic)]) != dataFileMagic {
		if len(data) < len(dataFileMagic) && strings.HasPrefix(dataFileMagic, string(data)) {
			return entities, nil
		}
		return nil, &DataFileError{Path: path, Offset: 0, Reason: "not a data file of this program"}
	}
	off := int64(len(dataFileMagic))
	records := 0
	for off < int64(len(data)) {
		rest := data[off:]
		torn := ""
		var payload []byte
		switch {
		case len(rest) < 8:
			torn = "a record header cut short"
		default:
			n := int64(binary.BigEndian.Uint32(rest))
			sum := binary.BigEndian.Uint32(rest[4:])
			switch {
			case n > maxRecord:
				torn = fmt.Sprintf("a record length of %d", n)
			case 8+n > int64(len(rest)):
				torn = fmt.Sprintf("a record of %d bytes cut at %d", n, len(rest)-8)
			case crc32.Checksum(rest[8:8+n], crcTable) != sum:
				torn = "a record that fails its checksum"
			default:
				payload = rest[8 : 8+n]
			}
			if torn != "" && 8+n < int64(len(rest)) && n <= maxRecord {
				// Damage before the end: not a write cut by a crash.
				return h.damaged(path, data, off, torn, entities)
			}
		}
		if torn != "" && records == 0 {
			// The first record is the compaction written (and synced) before
			// the file took its name: never a write cut by a crash.
			return h.damaged(path, data, off, torn+" in the first record", entities)
		}
		if torn != "" {
			h.cfg.logf("secretsmanagertest: data file %s: dropped its last record (%s at byte %d, %d bytes): a write that was not answered; %d records kept",
				path, torn, off, len(rest), records)
			break
		}
		if err := applyRecord(payload, entities); err != nil {
			return h.damaged(path, data, off, err.Error(), entities)
		}
		records++
		off += 8 + int64(len(payload))
	}
	return entities, nil
}

// damaged refuses a data file damaged at off, or recovers it with
// WithDataFileRecovery.
func (h *Handler) damaged(path string, data []byte, off int64, reason string, entities map[string][]byte) (map[string][]byte, error) {
	if !h.cfg.recoverData {
		return nil, &DataFileError{Path: path, Offset: off, Reason: reason + " (WithDataFileRecovery, or smlocal -recover, keeps the state before it)"}
	}
	keep := path + ".damaged-" + time.Now().UTC().Format("20060102T150405Z")
	if err := os.WriteFile(keep, data, 0o600); err != nil {
		return nil, &DataFileError{Path: path, Offset: off, Reason: reason + "; keeping a copy failed: " + err.Error()}
	}
	h.cfg.logf("secretsmanagertest: data file %s: damaged at byte %d (%s): recovered to the last whole record before it; the damaged file is kept as %s",
		path, off, reason, keep)
	return entities, nil
}

// applyRecord applies one record to the latest encodings; they are slices
// of p.
func applyRecord(p []byte, entities map[string][]byte) error {
	next := func() (uint64, error) {
		u, n := binary.Uvarint(p)
		if n <= 0 {
			return 0, io.ErrUnexpectedEOF
		}
		p = p[n:]
		return u, nil
	}
	chunk := func() ([]byte, error) {
		n, err := next()
		if err != nil {
			return nil, err
		}
		if n > uint64(len(p)) {
			return nil, io.ErrUnexpectedEOF
		}
		c := p[:n:n]
		p = p[n:]
		return c, nil
	}
	flags, err := next()
	if err != nil {
		return err
	}
	if flags&flagFull != 0 {
		clear(entities)
	}
	n, err := next()
	if err != nil {
		return err
	}
	for range n {
		k, err := chunk()
		if err != nil {
			return err
		}
		v, err := chunk()
		if err != nil {
			return err
		}
		if len(v) == 0 {
			delete(entities, string(k))
		} else {
			entities[string(k)] = v
		}
	}
	if len(p) != 0 {
		return errors.New("trailing bytes in a record")
	}
	return nil
}

// restore sets the state from the entities of a data file.
func (h *Handler) restore(entities map[string][]byte) error {
	s := h.st
	for k, b := range entities {
		var err error
		switch {
		case k == keyGroups:
			err = decodeState(b, &s.groups)
		case k == keyConfigs:
			err = decodeState(b, &s.configs)
		case k == keyMisc:
			var m persistMisc
			if err = decodeState(b, &m); err == nil {
				s.seq, s.notif, s.publicCA, h.vault = m.Seq, m.Notif, m.PublicCA, m.Vault
				h.clock.set(m.Clock)
				if m.Instance != "" {
					h.cfg.instanceID = m.Instance
				}
			}
		case strings.HasPrefix(k, keySecret):
			sec := &secret{}
			if err = decodeState(b, sec); err == nil {
				if sec.kind == nil || sec.id != strings.TrimPrefix(k, keySecret) {
					err = errors.New("a secret record without kind or with another ID")
				}
				s.secrets[sec.id] = sec
			}
		default:
			err = errors.New("unknown entry " + k)
		}
		if err != nil {
			return fmt.Errorf("entry %s: %w", k, err)
		}
	}
	if s.groups == nil || s.groups["default"] == nil {
		return errors.New("the default secret group is missing")
	}
	return nil
}

// ---- writing ----

// entity is one entry of a record.
type entity struct {
	key  string
	data []byte // nil: deleted
}

// encodeEntity encodes the entity k for the state of h.
func (h *Handler) encodeEntity(k string) ([]byte, error) {
	s := h.st
	switch {
	case k == keyGroups:
		return encodeState(&s.groups)
	case k == keyConfigs:
		return encodeState(&s.configs)
	case k == keyMisc:
		return encodeState(&persistMisc{Seq: s.seq, Notif: s.notif, PublicCA: s.publicCA, Vault: h.vault, Clock: h.clock.get(), Instance: h.cfg.instanceID})
	}
	sec := s.secrets[strings.TrimPrefix(k, keySecret)]
	if sec == nil {
		return nil, nil
	}
	return encodeState(sec)
}

// persistCommit appends, with h.mu held, the record of what the request
// recorded in j changed (j nil: the singletons only). It returns the ticket
// to wait for, 0 when nothing changed or there is no data file.
func (h *Handler) persistCommit(j *journal) (int64, error) {
	p := h.persist
	if p == nil {
		return 0, nil
	}
	keys := []string{keyGroups, keyConfigs, keyMisc}
	if j != nil {
		for sec := range j.secrets {
			keys = append(keys, keySecret+sec.id)
		}
		for _, id := range j.added {
			keys = append(keys, keySecret+id)
		}
		for id := range j.removed {
			keys = append(keys, keySecret+id)
		}
	}
	sort.Strings(keys)
	var changed []entity
	newHashes := map[string]uint64{}
	var gone []string
	for i, k := range keys {
		if i > 0 && keys[i-1] == k {
			continue
		}
		b, err := h.encodeEntity(k)
		if err != nil {
			return 0, err
		}
		old, had := p.hashes[k]
		if b == nil {
			if had {
				changed = append(changed, entity{key: k})
				gone = append(gone, k)
			}
			continue
		}
		sum := maphash.Bytes(p.seed, b)
		if !had || old != sum {
			changed = append(changed, entity{k, b})
			newHashes[k] = sum
		}
	}
	if len(changed) == 0 {
		return 0, nil
	}
	if p.written > compactAfter && p.written > 4*p.compact {
		// The log has grown: write the whole state (this change included) as
		// one record instead, once what is pending is on disk.
		if err := p.wait(-1); err != nil {
			return 0, err
		}
		return 0, h.compactLocked()
	}
	t, err := p.append(0, changed)
	if err != nil {
		return 0, err
	}
	for k, sum := range newHashes {
		p.hashes[k] = sum
	}
	for _, k := range gone {
		delete(p.hashes, k)
	}
	return t, nil
}

// persistFull appends, with h.mu held, a record of the whole state (after a
// reset or a seed) and returns its ticket.
func (h *Handler) persistFull() (int64, error) {
	p := h.persist
	if p == nil {
		return 0, nil
	}
	ents, hashes, err := h.fullState()
	if err != nil {
		return 0, err
	}
	t, err := p.append(flagFull, ents)
	if err == nil {
		p.hashes = hashes
	}
	return t, err
}

// fullState encodes every entity.
func (h *Handler) fullState() ([]entity, map[string]uint64, error) {
	p := h.persist
	keys := []string{keyGroups, keyConfigs, keyMisc}
	for id := range h.st.secrets {
		keys = append(keys, keySecret+id)
	}
	sort.Strings(keys)
	ents := make([]entity, 0, len(keys))
	hashes := make(map[string]uint64, len(keys))
	for _, k := range keys {
		b, err := h.encodeEntity(k)
		if err != nil {
			return nil, nil, err
		}
		ents = append(ents, entity{k, b})
		hashes[k] = maphash.Bytes(p.seed, b)
	}
	return ents, hashes, nil
}

// persistWait waits until the record of ticket t is on disk.
func (h *Handler) persistWait(t int64) error {
	if t == 0 || h.persist == nil {
		return nil
	}
	return h.persist.wait(t)
}

// errPersist is the answer to a request whose change could not be written.
func errPersist(err error) *apiError {
	if errors.Is(err, errPersistClosed) {
		return newError(http.StatusServiceUnavailable, "The service is shutting down.")
	}
	return newError(http.StatusInternalServerError, "Internal server error: the data file could not be written: "+err.Error())
}

// frame returns the framed record of ents.
func frame(flags uint64, ents []entity) []byte {
	var b []byte
	b = binary.AppendUvarint(b, flags)
	b = binary.AppendUvarint(b, uint64(len(ents)))
	for _, e := range ents {
		b = binary.AppendUvarint(b, uint64(len(e.key)))
		b = append(b, e.key...)
		b = binary.AppendUvarint(b, uint64(len(e.data)))
		b = append(b, e.data...)
	}
	out := make([]byte, 8, 8+len(b))
	binary.BigEndian.PutUint32(out, uint32(len(b)))
	binary.BigEndian.PutUint32(out[4:], crc32.Checksum(b, crcTable))
	return append(out, b...)
}

// append queues a record (under h.mu, so records are in commit order).
func (p *persister) append(flags uint64, ents []entity) (int64, error) {
	rec := frame(flags, ents)
	if len(rec)-8 > maxRecord {
		return 0, errors.New("a change of more than 1 GiB")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return 0, errPersistClosed
	}
	if p.err != nil {
		return 0, p.err
	}
	p.pending = append(p.pending, rec...)
	p.appended++
	p.written += int64(len(rec))
	return p.appended, nil
}

// wait writes and syncs the pending records until ticket t is on disk (t<0:
// everything appended); the waiters share the writes.
func (p *persister) wait(t int64) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t < 0 {
		t = p.appended
	}
	for p.synced < t && p.err == nil {
		if p.syncing {
			p.cond.Wait()
			continue
		}
		if p.f == nil {
			return errPersistClosed
		}
		p.syncing = true
		buf, upto, f := p.pending, p.appended, p.f
		p.pending = nil
		p.mu.Unlock()
		_, err := f.Write(buf)
		if err == nil {
			err = f.Sync()
		}
		p.mu.Lock()
		p.syncing = false
		if err != nil {
			p.err = err
		} else {
			p.synced = upto
		}
		p.cond.Broadcast()
	}
	return p.err
}

// compactLocked rewrites the data file as one record of the whole state,
// with h.mu held and nothing pending.
func (h *Handler) compactLocked() error {
	ents, hashes, err := h.fullState()
	if err != nil {
		return err
	}
	return h.writeCompaction(ents, hashes)
}

// compactFrom is compactLocked at start, from the encodings just replayed
// (the state was decoded from them) and a fresh encoding of the singletons.
func (h *Handler) compactFrom(entities map[string][]byte) error {
	p := h.persist
	keys := []string{keyGroups, keyConfigs, keyMisc}
	for k := range entities {
		if strings.HasPrefix(k, keySecret) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	ents := make([]entity, 0, len(keys))
	hashes := make(map[string]uint64, len(keys))
	for _, k := range keys {
		b := entities[k]
		if !strings.HasPrefix(k, keySecret) {
			var err error
			if b, err = h.encodeEntity(k); err != nil {
				return err
			}
		}
		ents = append(ents, entity{k, b})
		hashes[k] = maphash.Bytes(p.seed, b)
	}
	return h.writeCompaction(ents, hashes)
}

// writeCompaction writes ents as the whole data file.
func (h *Handler) writeCompaction(ents []entity, hashes map[string]uint64) error {
	p := h.persist
	tmp := p.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	buf := append([]byte(dataFileMagic), frame(flagFull, ents)...)
	_, err = f.Write(buf)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, p.path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if d, derr := os.Open(filepath.Dir(p.path)); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	nf, err := os.OpenFile(p.path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	p.mu.Lock()
	if p.f != nil {
		_ = p.f.Close()
	}
	p.f = nf
	p.hashes = hashes
	p.written, p.compact = 0, int64(len(buf))
	p.mu.Unlock()
	return nil
}

// persistVault runs a Vault request whose own state (login configuration,
// tokens, rotation policies) it may change: the answer is held until that
// state is on disk.
func (h *Handler) persistVault(w http.ResponseWriter, serve func(w http.ResponseWriter)) {
	if h.persist == nil {
		serve(w)
		return
	}
	rec := httptest.NewRecorder()
	serve(rec)
	h.mu.Lock()
	t, err := h.persistCommit(nil)
	h.mu.Unlock()
	if err == nil {
		err = h.persistWait(t)
	}
	if err != nil {
		writeVaultError(w, errPersist(err))
		return
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}
