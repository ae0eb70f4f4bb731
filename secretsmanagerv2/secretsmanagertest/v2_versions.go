package secretsmanagertest

import (
	"net/http"
)

// Operations on secret versions: rotation (CreateSecretVersion), reads,
// metadata, data deletion and version actions.

func (h *Handler) createSecretVersion(w http.ResponseWriter, r *http.Request, p []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	cm, hasCM := b.object("custom_metadata")
	vcm, _ := b.object("version_custom_metadata")
	if b.err != nil {
		writeError(w, b.err)
		return
	}
	h.withSecret(w, http.StatusCreated, p[0], func(s *store, sec *secret) (any, *apiError) {
		if prev := sec.previous(); prev != nil && len(prev.locks) > 0 {
			// Rotating would push the locked previous version out.
			return nil, errLocked()
		}
		v := s.blankVersion()
		v.customMetadata = vcm
		pending, e := sec.kind.newVersion(s, sec, v, b, true)
		if e != nil {
			return nil, e
		}
		if !pending {
			s.addVersion(sec, v)
		}
		if hasCM {
			sec.customMetadata = cm
		}
		now := s.now()
		sec.updatedAt = now
		if rot := sec.kind.rotation(); rot != nil {
			rot.reschedule(now)
		}
		return s.renderVersion(sec, v, true), nil
	})
}

func (h *Handler) listSecretVersions(w http.ResponseWriter, r *http.Request, p []string) {
	h.withSecret(w, http.StatusOK, p[0], func(s *store, sec *secret) (any, *apiError) {
		out := make([]any, 0, len(sec.versions))
		for i := len(sec.versions) - 1; i >= 0; i-- {
			out = append(out, s.renderVersion(sec, sec.versions[i], false))
		}
		return map[string]any{"versions": out, "total_count": len(out)}, nil
	})
}

// withSecret runs fn as a request (Handler.do) on the secret whose ID is id.
func (h *Handler) withSecret(w http.ResponseWriter, status int, id string, fn func(s *store, sec *secret) (any, *apiError)) {
	h.do(w, status, func() (any, *apiError) {
		sec, e := h.st.secretByID(id)
		if e != nil {
			return nil, e
		}
		return fn(h.st, sec)
	})
}

// withVersion runs fn as a request on the version p[1] of the secret p[0].
func (h *Handler) withVersion(w http.ResponseWriter, status int, p []string, fn func(s *store, sec *secret, v *version) (any, *apiError)) {
	h.withSecret(w, status, p[0], func(s *store, sec *secret) (any, *apiError) {
		v, e := s.versionByID(sec, p[1])
		if e != nil {
			return nil, e
		}
		return fn(s, sec, v)
	})
}

func (h *Handler) getSecretVersion(w http.ResponseWriter, r *http.Request, p []string) {
	h.withVersion(w, http.StatusOK, p, func(s *store, sec *secret, v *version) (any, *apiError) {
		if v.payloadAvailable {
			s.retrieved(sec, v)
		}
		return s.renderVersion(sec, v, true), nil
	})
}

func (h *Handler) getSecretVersionMetadata(w http.ResponseWriter, r *http.Request, p []string) {
	h.withVersion(w, http.StatusOK, p, func(s *store, sec *secret, v *version) (any, *apiError) {
		return s.renderVersion(sec, v, false), nil
	})
}

func (h *Handler) deleteSecretVersionData(w http.ResponseWriter, r *http.Request, p []string) {
	h.withVersion(w, http.StatusNoContent, p, func(s *store, sec *secret, v *version) (any, *apiError) {
		if len(v.locks) > 0 {
			return nil, errLocked()
		}
		return nil, sec.kind.deleteVersionData(s, sec, v)
	})
}

func (h *Handler) updateSecretVersionMetadata(w http.ResponseWriter, r *http.Request, p []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	for k := range m {
		if k != "version_custom_metadata" {
			writeError(w, errBadRequest("property %q cannot be updated", k))
			return
		}
	}
	vcm, has := b.object("version_custom_metadata")
	if b.err != nil {
		writeError(w, b.err)
		return
	}
	h.withVersion(w, http.StatusOK, p, func(s *store, sec *secret, v *version) (any, *apiError) {
		if has {
			v.customMetadata = vcm
		} else if b.isNull("version_custom_metadata") {
			v.customMetadata = nil
		}
		return s.renderVersion(sec, v, false), nil
	})
}

func (h *Handler) createSecretVersionAction(w http.ResponseWriter, r *http.Request, p []string) {
	b, action, e := readAction(r)
	if e != nil {
		writeError(w, e)
		return
	}
	h.withVersion(w, http.StatusCreated, p, func(s *store, sec *secret, v *version) (any, *apiError) {
		return sec.kind.action(s, sec, v, action, b)
	})
}
