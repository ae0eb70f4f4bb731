package secretsmanagertest

import "net/http"

func (h *Handler) createNotificationsRegistration(w http.ResponseWriter, r *http.Request, _ []string) {
	m, e := readBody(r)
	if e != nil {
		writeError(w, e)
		return
	}
	b := &body{m: m}
	for _, k := range []string{"event_notifications_instance_crn", "event_notifications_source_name"} {
		if e := b.required(k); e != nil {
			writeError(w, e)
			return
		}
	}
	crn, _ := b.str("event_notifications_instance_crn")
	name, _ := b.str("event_notifications_source_name")
	desc, _ := b.str("event_notifications_source_description")
	if b.err != nil {
		writeError(w, b.err)
		return
	}
	if e := checkLen("event_notifications_instance_crn", crn, 9, 512); e != nil {
		writeError(w, e)
		return
	}
	if !reCRN.MatchString(crn) {
		writeError(w, errBadRequest("property \"event_notifications_instance_crn\" is not a valid CRN"))
		return
	}
	if e := checkLen("event_notifications_source_name", name, 2, 256); e != nil {
		writeError(w, e)
		return
	}
	if e := checkLen("event_notifications_source_description", desc, 0, 1024); e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusCreated, func() (any, *apiError) {
		if h.st.notif != nil {
			return nil, errConflict("the instance is already registered with Event Notifications")
		}
		h.st.notif = map[string]any{"event_notifications_instance_crn": crn}
		return h.st.notif, nil
	})
}

func (h *Handler) getNotificationsRegistration(w http.ResponseWriter, r *http.Request, _ []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		if h.st.notif == nil {
			return nil, errNotFound("notifications/registration")
		}
		return h.st.notif, nil
	})
}

func (h *Handler) deleteNotificationsRegistration(w http.ResponseWriter, r *http.Request, _ []string) {
	h.do(w, http.StatusNoContent, func() (any, *apiError) {
		if h.st.notif == nil {
			return nil, errNotFound("notifications/registration")
		}
		h.st.notif = nil
		return nil, nil
	})
}

func (h *Handler) getNotificationsRegistrationTest(w http.ResponseWriter, r *http.Request, _ []string) {
	h.do(w, http.StatusNoContent, func() (any, *apiError) {
		if h.st.notif == nil {
			return nil, errNotFound("notifications/registration")
		}
		return nil, nil
	})
}
