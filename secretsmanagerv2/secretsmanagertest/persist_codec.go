package secretsmanagertest

// The state codec writes the store's objects (secrets with their kinds and
// versions, groups, configurations, the CA material) to bytes and reads them
// back, for the data file (persist.go). It walks the Go values by reflection,
// unexported fields included, so that a new field or a new kind is persisted
// without code here: a struct is written field by field with the field names
// (a field the reader does not know is skipped, a field the file lacks keeps
// its zero value), a pointer seen twice is written once and referred to
// after (so a task queue that points back to its kind comes back so), an
// interface with the name of its dynamic type, which must be one of
// codecTypes. Private keys are written as PKCS #8, certificates as DER,
// times in their binary form. Functions and channels are refused.

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sort"
	"sync"
	"time"
	"unsafe"
)

// Tags of the encoded values.
const (
	tagNil byte = iota
	tagFalse
	tagTrue
	tagInt    // zig-zag varint
	tagUint   // uvarint
	tagFloat  // 8 bytes, IEEE 754
	tagString // uvarint length, bytes
	tagList   // uvarint count, values
	tagMap    // uvarint count, key and value pairs
	tagStruct // uvarint count, (name, value) pairs
	tagPtr    // uvarint id, value: the first sight of a pointer
	tagRef    // uvarint id: a pointer seen before
	tagIface  // type name, value
	tagTime   // time.Time.MarshalBinary
	tagKey    // PKCS #8 private key
	tagCert   // certificate DER
	tagBig    // big.Int in decimal
)

var (
	timeType  = reflect.TypeFor[time.Time]()
	certType  = reflect.TypeFor[*x509.Certificate]()
	bigType   = reflect.TypeFor[*big.Int]()
	keyTypes  = map[reflect.Type]bool{reflect.TypeFor[*rsa.PrivateKey](): true, reflect.TypeFor[*ecdsa.PrivateKey](): true, reflect.TypeFor[ed25519.PrivateKey](): true}
	typesOnce sync.Once
	typeNames map[string]reflect.Type
)

// codecTypes returns the dynamic types an interface of the state may hold,
// by name: the kinds of secretKinds and configKinds (pointer and value), the
// version data types and the values JSON decoding gives.
func codecTypes() map[string]reflect.Type {
	typesOnce.Do(func() {
		typeNames = map[string]reflect.Type{}
		add := func(t reflect.Type) {
			typeNames[t.String()] = t
			if t.Kind() == reflect.Pointer {
				typeNames[t.Elem().String()] = t.Elem()
			} else {
				typeNames[reflect.PointerTo(t).String()] = reflect.PointerTo(t)
			}
		}
		for _, k := range secretKinds {
			add(reflect.TypeOf(k()))
		}
		for _, k := range configKinds {
			add(reflect.TypeOf(k()))
		}
		for _, v := range []any{
			noData{}, &payloadVersion{}, &kvVersion{}, &userPasswordVersion{}, &apiKeyVersion{},
			&serviceCredentialsVersion{}, &certVersion{}, &customVersion{},
			"", float64(0), true, int(0), int64(0), json.Number(""), []any(nil), map[string]any(nil),
			[]string(nil), []map[string]any(nil), map[string]string(nil), []int64(nil), []float64(nil),
		} {
			add(reflect.TypeOf(v))
		}
	})
	return typeNames
}

// encoder writes one object graph.
type encoder struct {
	buf  []byte
	ptrs map[ptrKey]uint64
}

type ptrKey struct {
	p uintptr
	t reflect.Type
}

// catchCodecError, deferred, turns the codecError panic of the encoder or decoder into *err;
// any other panic goes on.
func catchCodecError(err *error) {
	if r := recover(); r != nil {
		ce, ok := r.(codecError)
		if !ok {
			panic(r)
		}
		*err = ce
	}
}

// encodeState returns the encoding of *p.
func encodeState(p any) (out []byte, err error) {
	e := &encoder{ptrs: map[ptrKey]uint64{}}
	defer catchCodecError(&err)
	e.value(reflect.ValueOf(p).Elem())
	return e.buf, nil
}

// codecError is a value the codec cannot write or read.
type codecError string

// Error implements error.
func (c codecError) Error() string { return "state codec: " + string(c) }

func (e *encoder) uvarint(u uint64) { e.buf = binary.AppendUvarint(e.buf, u) }

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

// exposed returns v, addressable and free of the read-only mark of
// unexported fields, so that its methods and Interface can be used.
func exposed(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	}
	if !v.CanInterface() {
		panic(codecError("unaddressable value of type " + v.Type().String()))
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

func (e *encoder) value(v reflect.Value) {
	t := v.Type()
	switch {
	case t == timeType:
		b, err := exposed(v).Interface().(time.Time).MarshalBinary()
		if err != nil {
			panic(codecError(err.Error()))
		}
		e.buf = append(e.buf, tagTime)
		e.str(string(b))
		return
	case t == certType:
		if v.IsNil() {
			e.buf = append(e.buf, tagNil)
			return
		}
		e.buf = append(e.buf, tagCert)
		e.str(string(exposed(v).Interface().(*x509.Certificate).Raw))
		return
	case t == bigType:
		if v.IsNil() {
			e.buf = append(e.buf, tagNil)
			return
		}
		e.buf = append(e.buf, tagBig)
		e.str(exposed(v).Interface().(*big.Int).String())
		return
	case keyTypes[t]:
		e.key(v)
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			e.buf = append(e.buf, tagTrue)
		} else {
			e.buf = append(e.buf, tagFalse)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = append(e.buf, tagInt)
		e.buf = binary.AppendVarint(e.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.buf = append(e.buf, tagUint)
		e.uvarint(v.Uint())
	case reflect.Float32, reflect.Float64:
		e.buf = append(e.buf, tagFloat)
		e.buf = binary.BigEndian.AppendUint64(e.buf, math.Float64bits(v.Float()))
	case reflect.String:
		e.buf = append(e.buf, tagString)
		e.str(v.String())
	case reflect.Slice:
		if v.IsNil() {
			e.buf = append(e.buf, tagNil)
			return
		}
		fallthrough
	case reflect.Array:
		e.buf = append(e.buf, tagList)
		e.uvarint(uint64(v.Len()))
		for i := range v.Len() {
			e.value(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			e.buf = append(e.buf, tagNil)
			return
		}
		type kv struct {
			k []byte
			v reflect.Value
		}
		entries := make([]kv, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			ke := &encoder{ptrs: e.ptrs}
			ke.value(it.Key())
			entries = append(entries, kv{ke.buf, it.Value()})
		}
		sort.Slice(entries, func(i, j int) bool { return string(entries[i].k) < string(entries[j].k) })
		e.buf = append(e.buf, tagMap)
		e.uvarint(uint64(len(entries)))
		for _, x := range entries {
			e.buf = append(e.buf, x.k...)
			e.value(x.v)
		}
	case reflect.Struct:
		if !v.CanAddr() {
			v = exposed(v)
		}
		e.buf = append(e.buf, tagStruct)
		e.uvarint(uint64(t.NumField()))
		for i := range t.NumField() {
			f := v.Field(i)
			if !f.CanInterface() {
				f = exposed(f)
			}
			e.str(t.Field(i).Name)
			e.value(f)
		}
	case reflect.Pointer:
		if v.IsNil() {
			e.buf = append(e.buf, tagNil)
			return
		}
		k := ptrKey{v.Pointer(), t}
		if id, ok := e.ptrs[k]; ok {
			e.buf = append(e.buf, tagRef)
			e.uvarint(id)
			return
		}
		id := uint64(len(e.ptrs) + 1)
		e.ptrs[k] = id
		e.buf = append(e.buf, tagPtr)
		e.uvarint(id)
		e.value(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			e.buf = append(e.buf, tagNil)
			return
		}
		d := v.Elem()
		if keyTypes[d.Type()] {
			e.key(d)
			return
		}
		name := d.Type().String()
		if codecTypes()[name] != d.Type() {
			panic(codecError("type " + name + " is not registered in codecTypes"))
		}
		e.buf = append(e.buf, tagIface)
		e.str(name)
		e.value(d)
	default:
		panic(codecError("cannot persist a value of type " + t.String()))
	}
}

func (e *encoder) key(v reflect.Value) {
	if v.Kind() != reflect.Interface && v.IsNil() {
		e.buf = append(e.buf, tagNil)
		return
	}
	der, err := x509.MarshalPKCS8PrivateKey(exposed(v).Interface())
	if err != nil {
		panic(codecError("private key: " + err.Error()))
	}
	e.buf = append(e.buf, tagKey)
	e.str(string(der))
}

// decoder reads one object graph.
type decoder struct {
	b    []byte
	ptrs map[uint64]reflect.Value
}

// decodeState reads an encoding of encodeState into *p.
func decodeState(b []byte, p any) (err error) {
	d := &decoder{b: b, ptrs: map[uint64]reflect.Value{}}
	defer catchCodecError(&err)
	d.value(reflect.ValueOf(p).Elem())
	if len(d.b) != 0 {
		return codecError("trailing bytes")
	}
	return nil
}

func (d *decoder) fail(format string, args ...any) {
	panic(codecError(fmt.Sprintf(format, args...)))
}

func (d *decoder) byte1() byte {
	if len(d.b) == 0 {
		d.fail("unexpected end")
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	u, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad varint")
	}
	d.b = d.b[n:]
	return u
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail("string past the end")
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// count reads a length and checks that it is plausible.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail("count past the end")
	}
	return int(n)
}

// settable returns v, settable even when it is an unexported field.
func settable(v reflect.Value) reflect.Value {
	if v.CanSet() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// value reads one value into v (addressable).
func (d *decoder) value(v reflect.Value) {
	v = settable(v)
	t := v.Type()
	tag := d.byte1()
	switch tag {
	case tagNil:
		v.SetZero()
		return
	case tagTime:
		var tm time.Time
		if err := tm.UnmarshalBinary([]byte(d.str())); err != nil {
			d.fail("time: %v", err)
		}
		d.assign(v, reflect.ValueOf(tm))
		return
	case tagCert:
		c, err := x509.ParseCertificate([]byte(d.str()))
		if err != nil {
			d.fail("certificate: %v", err)
		}
		d.assign(v, reflect.ValueOf(c))
		return
	case tagBig:
		n, ok := new(big.Int).SetString(d.str(), 10)
		if !ok {
			d.fail("bad integer")
		}
		d.assign(v, reflect.ValueOf(n))
		return
	case tagKey:
		k, err := x509.ParsePKCS8PrivateKey([]byte(d.str()))
		if err != nil {
			d.fail("private key: %v", err)
		}
		d.assign(v, reflect.ValueOf(k))
		return
	case tagRef:
		p, ok := d.ptrs[d.uvarint()]
		if !ok {
			d.fail("reference to an unknown pointer")
		}
		d.assign(v, p)
		return
	case tagIface:
		name := d.str()
		dt, ok := codecTypes()[name]
		if !ok {
			d.fail("unknown type %s", name)
		}
		if t.Kind() != reflect.Interface {
			d.fail("type %s where %s was expected", name, t)
		}
		x := reflect.New(dt).Elem()
		d.value(x)
		d.assign(v, x)
		return
	}
	switch t.Kind() {
	case reflect.Bool:
		if tag != tagFalse && tag != tagTrue {
			d.mismatch(tag, t)
		}
		v.SetBool(tag == tagTrue)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if tag != tagInt {
			d.mismatch(tag, t)
		}
		i, n := binary.Varint(d.b)
		if n <= 0 {
			d.fail("bad varint")
		}
		d.b = d.b[n:]
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if tag != tagUint {
			d.mismatch(tag, t)
		}
		v.SetUint(d.uvarint())
	case reflect.Float32, reflect.Float64:
		if tag != tagFloat || len(d.b) < 8 {
			d.mismatch(tag, t)
		}
		v.SetFloat(math.Float64frombits(binary.BigEndian.Uint64(d.b)))
		d.b = d.b[8:]
	case reflect.String:
		if tag != tagString {
			d.mismatch(tag, t)
		}
		v.SetString(d.str())
	case reflect.Slice, reflect.Array:
		if tag != tagList {
			d.mismatch(tag, t)
		}
		n := d.count()
		if t.Kind() == reflect.Slice {
			v.Set(reflect.MakeSlice(t, n, n))
		} else if n != v.Len() {
			d.fail("array of %d for %s", n, t)
		}
		for i := range n {
			d.value(v.Index(i))
		}
	case reflect.Map:
		if tag != tagMap {
			d.mismatch(tag, t)
		}
		n := d.count()
		m := reflect.MakeMapWithSize(t, n)
		for range n {
			k := reflect.New(t.Key()).Elem()
			d.value(k)
			x := reflect.New(t.Elem()).Elem()
			d.value(x)
			m.SetMapIndex(k, x)
		}
		v.Set(m)
	case reflect.Struct:
		if tag != tagStruct {
			d.mismatch(tag, t)
		}
		n := d.count()
		for range n {
			name := d.str()
			if i, ok := fieldIndex(t)[name]; ok {
				d.value(v.Field(i))
			} else {
				d.skip()
			}
		}
	case reflect.Pointer:
		if tag != tagPtr {
			d.mismatch(tag, t)
		}
		id := d.uvarint()
		p := reflect.New(t.Elem())
		d.ptrs[id] = p
		d.value(p.Elem())
		v.Set(p)
	case reflect.Interface:
		d.fail("untyped value in %s", t)
	default:
		d.fail("cannot read a value of type %s", t)
	}
}

var fieldIndexes sync.Map // reflect.Type -> map[string]int

// fieldIndex returns the index of each field of struct type t by name.
func fieldIndex(t reflect.Type) map[string]int {
	if m, ok := fieldIndexes.Load(t); ok {
		return m.(map[string]int)
	}
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		m[t.Field(i).Name] = i
	}
	fieldIndexes.Store(t, m)
	return m
}

func (d *decoder) mismatch(tag byte, t reflect.Type) {
	d.fail("value of tag %d where %s was expected", tag, t)
}

// assign sets v to x, when x fits.
func (d *decoder) assign(v, x reflect.Value) {
	if !x.Type().AssignableTo(v.Type()) {
		d.fail("%s where %s was expected", x.Type(), v.Type())
	}
	v.Set(x)
}

// skip passes over one value (a field this program does not know).
func (d *decoder) skip() {
	switch tag := d.byte1(); tag {
	case tagNil, tagFalse, tagTrue:
	case tagInt, tagUint, tagRef:
		d.uvarint()
	case tagFloat:
		if len(d.b) < 8 {
			d.fail("unexpected end")
		}
		d.b = d.b[8:]
	case tagString, tagTime, tagKey, tagCert, tagBig:
		d.str()
	case tagList:
		for range d.count() {
			d.skip()
		}
	case tagMap:
		for range d.count() {
			d.skip()
			d.skip()
		}
	case tagStruct:
		for range d.count() {
			d.str()
			d.skip()
		}
	case tagPtr:
		d.uvarint()
		d.skip() // a later reference to it fails: the field is gone
	case tagIface:
		d.str()
		d.skip()
	default:
		d.fail("unknown tag %d", tag)
	}
}
