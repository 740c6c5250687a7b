// node_modules/valibot/dist/index.mjs
var e = {
	lang: void 0,
	message: void 0,
	abortEarly: void 0,
	abortPipeEarly: void 0
};
/* @__NO_SIDE_EFFECTS__ */
function t(t) {
	return t ? {
		lang: t?.lang ?? void 0,
		message: t?.message,
		abortEarly: t?.abortEarly ?? void 0,
		abortPipeEarly: t?.abortPipeEarly ?? void 0
	} : e;
}
/* @__NO_SIDE_EFFECTS__ */
function n(e) {
	let t = typeof e;
	return t === "string" ? `"${e}"` : t === "number" || t === "bigint" || t === "boolean" ? `${e}` : t === "object" || t === "function" ? (e && Object.getPrototypeOf(e)?.constructor?.name) ?? "null" : t;
}
function r(e, t, r, i, a) {
	let o = a && "input" in a ? a.input : r.value, s = a?.expected ?? e.expects ?? null, c = a?.received ?? /* @__PURE__ */ n(o), l = {
		kind: e.kind,
		type: e.type,
		input: o,
		expected: s,
		received: c,
		message: `Invalid ${t}: ${s ? `Expected ${s} but r` : "R"}eceived ${c}`,
		requirement: e.requirement,
		path: a?.path,
		issues: a?.issues,
		lang: i.lang,
		abortEarly: i.abortEarly,
		abortPipeEarly: i.abortPipeEarly
	}, u = e.kind === "schema", d = a?.message ?? e.message ?? (e.reference, l.lang, void 0) ?? (u ? (l.lang, void 0) : null) ?? i.message ?? (l.lang, void 0);
	d !== void 0 && (l.message = typeof d == "function" ? d(l) : d), u && (r.typed = !1), r.issues ? r.issues.push(l) : r.issues = [l];
}
/* @__NO_SIDE_EFFECTS__ */
function i(e, t) {
	let n = [...new Set(e)];
	return n.length > 1 ? `(${n.join(` ${t} `)})` : n[0] ?? "never";
}
function a(e) {
	return e["~standard"] = {
		version: 1,
		vendor: "valibot",
		validate: (n) => e["~run"]({ value: n }, /* @__PURE__ */ t())
	}, e;
}
/* @__NO_SIDE_EFFECTS__ */
function o(e) {
	if (e.path) {
		let t = "";
		for (let n of e.path) if (typeof n.key == "string" || typeof n.key == "number") t += t ? `.${n.key}` : n.key;
		else return null;
		return t;
	}
	return null;
}
var s = /^[\w+-]+(?:\.[\w+-]+)*@[\da-zA-Z]+(?:[.-][\da-zA-Z]+)*\.[a-zA-Z]{2,}$/u;
/* @__NO_SIDE_EFFECTS__ */
function c(e, t) {
	return {
		kind: "validation",
		type: "check",
		reference: c,
		async: !1,
		expects: null,
		requirement: e,
		message: t,
		"~run"(e, t) {
			return e.typed && !this.requirement(e.value) && r(this, "input", e, t), e;
		}
	};
}
/* @__NO_SIDE_EFFECTS__ */
function l(e) {
	return {
		kind: "validation",
		type: "email",
		reference: l,
		expects: null,
		async: !1,
		requirement: s,
		message: e,
		"~run"(e, t) {
			return e.typed && !this.requirement.test(e.value) && r(this, "email", e, t), e;
		}
	};
}
/* @__NO_SIDE_EFFECTS__ */
function u(e, t) {
	return {
		kind: "validation",
		type: "max_length",
		reference: u,
		async: !1,
		expects: `<=${e}`,
		requirement: e,
		message: t,
		"~run"(e, t) {
			return e.typed && e.value.length > this.requirement && r(this, "length", e, t, { received: `${e.value.length}` }), e;
		}
	};
}
/* @__NO_SIDE_EFFECTS__ */
function d(e, t) {
	return {
		kind: "validation",
		type: "max_value",
		reference: d,
		async: !1,
		expects: `<=${e instanceof Date ? e.toJSON() : /* @__PURE__ */ n(e)}`,
		requirement: e,
		message: t,
		"~run"(e, t) {
			return e.typed && !(e.value <= this.requirement) && r(this, "value", e, t, { received: e.value instanceof Date ? e.value.toJSON() : /* @__PURE__ */ n(e.value) }), e;
		}
	};
}
/* @__NO_SIDE_EFFECTS__ */
function f(e, t) {
	return {
		kind: "validation",
		type: "min_value",
		reference: f,
		async: !1,
		expects: `>=${e instanceof Date ? e.toJSON() : /* @__PURE__ */ n(e)}`,
		requirement: e,
		message: t,
		"~run"(e, t) {
			return e.typed && !(e.value >= this.requirement) && r(this, "value", e, t, { received: e.value instanceof Date ? e.value.toJSON() : /* @__PURE__ */ n(e.value) }), e;
		}
	};
}
/* @__NO_SIDE_EFFECTS__ */
function p(e) {
	return {
		kind: "validation",
		type: "non_empty",
		reference: p,
		async: !1,
		expects: "!0",
		message: e,
		"~run"(e, t) {
			return e.typed && e.value.length === 0 && r(this, "length", e, t, { received: "0" }), e;
		}
	};
}
/* @__NO_SIDE_EFFECTS__ */
function m(e, t) {
	return {
		kind: "validation",
		type: "regex",
		reference: m,
		async: !1,
		expects: `${e}`,
		requirement: e,
		message: t,
		"~run"(e, t) {
			return e.typed && !this.requirement.test(e.value) && r(this, "format", e, t), e;
		}
	};
}
/* @__NO_SIDE_EFFECTS__ */
function h(e) {
	return {
		kind: "validation",
		type: "safe_integer",
		reference: h,
		async: !1,
		expects: null,
		requirement: Number.isSafeInteger,
		message: e,
		"~run"(e, t) {
			return e.typed && !this.requirement(e.value) && r(this, "safe integer", e, t), e;
		}
	};
}
/* @__NO_SIDE_EFFECTS__ */
function ee() {
	return {
		kind: "transformation",
		type: "to_upper_case",
		reference: ee,
		async: !1,
		"~run"(e) {
			return e.value = e.value.toUpperCase(), e;
		}
	};
}
/* @__NO_SIDE_EFFECTS__ */
function g(e) {
	return {
		kind: "transformation",
		type: "transform",
		reference: g,
		async: !1,
		operation: e,
		"~run"(e) {
			return e.value = this.operation(e.value), e;
		}
	};
}
/* @__NO_SIDE_EFFECTS__ */
function _() {
	return {
		kind: "transformation",
		type: "trim",
		reference: _,
		async: !1,
		"~run"(e) {
			return e.value = e.value.trim(), e;
		}
	};
}
var te = { abortEarly: !0 };
/* @__NO_SIDE_EFFECTS__ */
function ne(e, t, n) {
	return typeof e.fallback == "function" ? e.fallback(t, n) : e.fallback;
}
/* @__NO_SIDE_EFFECTS__ */
function re(e, t, n) {
	return typeof e.default == "function" ? e.default(t, n) : e.default;
}
/* @__NO_SIDE_EFFECTS__ */
function ie(e, t) {
	return !e["~run"]({ value: t }, te).issues;
}
/* @__NO_SIDE_EFFECTS__ */
function v(e) {
	return a({
		kind: "schema",
		type: "boolean",
		reference: v,
		expects: "boolean",
		async: !1,
		message: e,
		"~run"(e, t) {
			return typeof e.value == "boolean" ? e.typed = !0 : r(this, "type", e, t), e;
		}
	});
}
/* @__NO_SIDE_EFFECTS__ */
function ae(e) {
	return a({
		kind: "schema",
		type: "number",
		reference: ae,
		expects: "number",
		async: !1,
		message: e,
		"~run"(e, t) {
			return typeof e.value == "number" && !isNaN(e.value) ? e.typed = !0 : r(this, "type", e, t), e;
		}
	});
}
/* @__NO_SIDE_EFFECTS__ */
function y(e, t) {
	return a({
		kind: "schema",
		type: "object",
		reference: y,
		expects: "Object",
		async: !1,
		entries: e,
		message: t,
		"~run"(e, t) {
			let n = e.value;
			if (n && typeof n == "object") {
				e.typed = !0, e.value = {};
				for (let i in this.entries) {
					let a = this.entries[i];
					if (i in n || (a.type === "exact_optional" || a.type === "optional" || a.type === "nullish") && a.default !== void 0) {
						let r = i in n ? n[i] : /* @__PURE__ */ re(a), o = a["~run"]({ value: r }, t);
						if (o.issues) {
							let a = {
								type: "object",
								origin: "value",
								input: n,
								key: i,
								value: r
							};
							for (let t of o.issues) t.path ? t.path.unshift(a) : t.path = [a], e.issues?.push(t);
							if (e.issues ||= o.issues, t.abortEarly) {
								e.typed = !1;
								break;
							}
						}
						o.typed || (e.typed = !1), e.value[i] = o.value;
					} else if (a.fallback !== void 0) e.value[i] = /* @__PURE__ */ ne(a);
					else if (a.type !== "exact_optional" && a.type !== "optional" && a.type !== "nullish" && (r(this, "key", e, t, {
						input: void 0,
						expected: `"${i}"`,
						path: [{
							type: "object",
							origin: "key",
							input: n,
							key: i,
							value: n[i]
						}]
					}), t.abortEarly)) break;
				}
			} else r(this, "type", e, t);
			return e;
		}
	});
}
/* @__NO_SIDE_EFFECTS__ */
function b(e, t) {
	return a({
		kind: "schema",
		type: "optional",
		reference: b,
		expects: `(${e.expects} | undefined)`,
		async: !1,
		wrapped: e,
		default: t,
		"~run"(e, t) {
			return e.value === void 0 && (this.default !== void 0 && (e.value = /* @__PURE__ */ re(this, e, t)), e.value === void 0) ? (e.typed = !0, e) : this.wrapped["~run"](e, t);
		}
	});
}
/* @__NO_SIDE_EFFECTS__ */
function x(e, t) {
	return a({
		kind: "schema",
		type: "picklist",
		reference: x,
		expects: /* @__PURE__ */ i(e.map(n), "|"),
		async: !1,
		options: e,
		message: t,
		"~run"(e, t) {
			return this.options.includes(e.value) ? e.typed = !0 : r(this, "type", e, t), e;
		}
	});
}
/* @__NO_SIDE_EFFECTS__ */
function S(e) {
	return a({
		kind: "schema",
		type: "string",
		reference: S,
		expects: "string",
		async: !1,
		message: e,
		"~run"(e, t) {
			return typeof e.value == "string" ? e.typed = !0 : r(this, "type", e, t), e;
		}
	});
}
/* @__NO_SIDE_EFFECTS__ */
function C(...e) {
	return a({
		...e[0],
		pipe: e,
		"~run"(t, n) {
			for (let r of e) if (r.kind !== "metadata") {
				if (t.issues && (r.kind === "schema" || r.kind === "transformation")) {
					t.typed = !1;
					break;
				}
				t.issues && (n.abortEarly || n.abortPipeEarly) || (t = r["~run"](t, n));
			}
			return t;
		}
	});
}
/* @__NO_SIDE_EFFECTS__ */
function oe(e, n, r) {
	let i = e["~run"]({ value: n }, /* @__PURE__ */ t(r));
	return {
		typed: i.typed,
		success: !i.issues,
		output: i.value,
		issues: i.issues
	};
}
// src/core/locale.ts
var se = [
	"en",
	"es",
	"pt"
], ce = {
	en: "en-US",
	es: "es-US",
	pt: "pt-BR"
};
function le(e) {
	return ce[e];
}
// src/core/donation.ts
var ue = [
	"once",
	"month",
	"year"
], w = ["honor", "memory"], de = {
	currencies: ["USD"],
	minimum: 500,
	maximum: 1e7
}, T = {
	name: 100,
	email: 254,
	message: 500,
	campaign: 64
}, E = (e) => e, fe = /\p{Cs}/u, D = /* @__PURE__ */ c((e) => !fe.test(e), E("text_invalid")), O = (e, t, n) => /* @__PURE__ */ C(/* @__PURE__ */ S(e), D, /* @__PURE__ */ _(), /* @__PURE__ */ p(e), /* @__PURE__ */ u(n, t)), pe = (e, t) => /* @__PURE__ */ C(/* @__PURE__ */ S(e), D, /* @__PURE__ */ _(), /* @__PURE__ */ p(e), /* @__PURE__ */ u(T.email, t), /* @__PURE__ */ l(t)), me = (e) => /* @__PURE__ */ ie(/* @__PURE__ */ C(/* @__PURE__ */ S(), /* @__PURE__ */ l()), e), k = (e, t, n = () => !0) => /* @__PURE__ */ b(/* @__PURE__ */ C(/* @__PURE__ */ S(e), D, /* @__PURE__ */ _(), /* @__PURE__ */ u(t, e), /* @__PURE__ */ c((e) => e === "" || n(e), e), /* @__PURE__ */ g((e) => e || void 0))), he = /* @__PURE__ */ y({
	kind: /* @__PURE__ */ x(w, E("tribute_kind_invalid")),
	name: O("tribute_name_required", "tribute_name_too_long", T.name),
	notifyEmail: k("tribute_email_invalid", T.email, me),
	message: k("tribute_message_too_long", T.message)
}, E("body_invalid"));
function ge(e) {
	return /* @__PURE__ */ y({
		campaign: /* @__PURE__ */ C(/* @__PURE__ */ S(E("campaign_invalid")), /* @__PURE__ */ u(T.campaign, E("campaign_invalid")), /* @__PURE__ */ m(/^[a-z0-9][a-z0-9-]*$/, E("campaign_invalid"))),
		currency: /* @__PURE__ */ C(/* @__PURE__ */ S(E("currency_unsupported")), /* @__PURE__ */ ee(), /* @__PURE__ */ x(e.currencies, E("currency_unsupported"))),
		gift: /* @__PURE__ */ C(/* @__PURE__ */ ae(E("amount_invalid")), /* @__PURE__ */ h(E("amount_invalid")), /* @__PURE__ */ f(e.minimum, E("amount_too_small")), /* @__PURE__ */ d(e.maximum, E("amount_too_large"))),
		frequency: /* @__PURE__ */ x(ue, E("frequency_invalid")),
		coverFee: /* @__PURE__ */ v(E("cover_fee_invalid")),
		donor: /* @__PURE__ */ y({
			email: pe("email_required", "email_invalid"),
			name: O("name_required", "name_too_long", T.name)
		}, E("body_invalid")),
		anonymous: /* @__PURE__ */ v(E("anonymous_invalid")),
		tribute: /* @__PURE__ */ b(he),
		locale: /* @__PURE__ */ x(se, E("locale_invalid")),
		website: /* @__PURE__ */ b(/* @__PURE__ */ C(/* @__PURE__ */ S(E("request_rejected")), /* @__PURE__ */ u(200, E("request_rejected"))))
	}, E("body_invalid"));
}
function _e(e, t = de) {
	if (typeof e != "object" || !e || Array.isArray(e)) return {
		ok: !1,
		errors: [{ code: "body_invalid" }]
	};
	let n = /* @__PURE__ */ oe(ge(t), e, { abortPipeEarly: !0 });
	if (n.success) return {
		ok: !0,
		donation: n.output
	};
	let r = [], i = /* @__PURE__ */ new Set();
	for (let e of n.issues) {
		let t = /* @__PURE__ */ o(e) ?? void 0, n = t ?? "";
		i.has(n) || (i.add(n), r.push({
			code: e.message,
			...t ? { field: t } : {}
		}));
	}
	return {
		ok: !1,
		errors: r
	};
}
// src/widget/first-intent/count-gift.ts
var ve = [
	0,
	2e3,
	5e3,
	1e4
];
function ye(e, t, n) {
	let r = e.floor ?? {
		raised: n?.raised ?? 0,
		donors: n?.donors ?? 0
	};
	e.floor = {
		raised: Math.max(r.raised, n?.raised ?? 0) + t,
		donors: Math.max(r.donors, n?.donors ?? 0) + 1
	}, e.refreshTimers.forEach(clearTimeout), e.refreshTimers = ve.map((t) => setTimeout(() => e.refresh(), t));
}
// src/widget/first-intent/payment/appearance.ts
var be = {
	colorPrimary: ["--mira-brand", "--_brand"],
	colorText: ["--mira-text", "--_text"],
	colorBackground: ["--mira-background", "--_background"],
	colorDanger: ["--mira-error", "--_error"],
	borderRadius: ["--mira-radius", "--_radius"]
};
function xe(e) {
	let t = getComputedStyle(e), n = {};
	for (let [e, r] of Object.entries(be)) {
		let i = r.map((e) => t.getPropertyValue(e).trim()).find(Boolean);
		i && (n[e] = i);
	}
	return t.fontFamily && (n.fontFamily = t.fontFamily), {
		theme: "stripe",
		variables: n
	};
}
function Se(e) {
	return e === "pt" ? "pt-BR" : e;
}
// src/widget/first-intent/payment/session-store.ts
var A = /* @__PURE__ */ new Map(), j = {
	getItem: (e) => A.get(e) ?? null,
	setItem: (e, t) => void A.set(e, t),
	removeItem: (e) => void A.delete(e)
};
function M() {
	try {
		return window.sessionStorage ?? j;
	} catch {
		return j;
	}
}
function N(e) {
	try {
		return M().getItem(e);
	} catch {
		return j.getItem(e);
	}
}
function P(e, t) {
	try {
		M().setItem(e, t);
	} catch {
		j.setItem(e, t);
	}
}
function Ce(e) {
	try {
		M().removeItem(e);
	} catch {}
	j.removeItem(e);
}
// src/widget/first-intent/payment/attempts.ts
var we = "mira-donate:attempt:";
function Te(e) {
	return JSON.stringify(e, (e, t) => t && typeof t == "object" && !Array.isArray(t) ? Object.fromEntries(Object.entries(t).sort(([e], [t]) => e < t ? -1 : +(e > t))) : t);
}
function Ee(e) {
	let t = we + Oe(e), n = N(t);
	if (n) return n;
	let r = ke();
	return P(t, r), r;
}
function De(e) {
	Ce(we + Oe(e));
}
function Oe(e) {
	let t = 3735928559, n = 1103547991;
	for (let r = 0; r < e.length; r++) {
		let i = e.charCodeAt(r);
		t = Math.imul(t ^ i, 2654435761), n = Math.imul(n ^ i, 1597334677);
	}
	return t = Math.imul(t ^ t >>> 16, 2246822507) ^ Math.imul(n ^ n >>> 13, 3266489909), n = Math.imul(n ^ n >>> 16, 2246822507) ^ Math.imul(t ^ t >>> 13, 3266489909), (4294967296 * (2097151 & n) + (t >>> 0)).toString(36);
}
function ke() {
	if (typeof crypto.randomUUID == "function" && globalThis.isSecureContext) return crypto.randomUUID();
	let e = crypto.getRandomValues(/* @__PURE__ */ new Uint8Array(16));
	e[6] = e[6] & 15 | 64, e[8] = e[8] & 63 | 128;
	let t = Array.from(e, (e) => e.toString(16).padStart(2, "0")).join("");
	return `${t.slice(0, 8)}-${t.slice(8, 12)}-${t.slice(12, 16)}-${t.slice(16, 20)}-${t.slice(20)}`;
}
// src/widget/first-intent/payment/outcome.ts
function F(e, t = {}) {
	return {
		status: "failed",
		code: e,
		...t.field ? { field: t.field } : {},
		...t.message ? { message: t.message } : {},
		...t.card ? { card: !0 } : {}
	};
}
function Ae(e) {
	let t = e.message;
	return e.type === "card_error" ? {
		failure: F(e.code === "card_declined" ? "card_declined" : "payment_failed", {
			message: t,
			card: !0
		}),
		definite: !0
	} : e.type === "api_connection_error" ? {
		failure: F("network_error", { message: t }),
		definite: !1
	} : {
		failure: F("payment_failed", { message: t }),
		definite: !1
	};
}
function I(e) {
	let t = e.paymentIntent ?? e.error?.payment_intent;
	if (t && (t.status === "succeeded" || t.status === "processing")) return {
		status: t.status,
		paymentIntent: t
	};
	if (e.error) return {
		status: "failed",
		...Ae(e.error)
	};
	let n = t?.last_payment_error;
	return {
		status: "failed",
		failure: F(n?.code === "card_declined" ? "card_declined" : "payment_failed", {
			message: n?.message,
			card: n?.type === "card_error"
		}),
		definite: !0
	};
}
// src/core/errors.ts
var je = /* @__PURE__ */ "body_invalid.campaign_invalid.currency_unsupported.amount_required.amount_invalid.amount_too_small.amount_too_large.amount_wrong_currency.frequency_invalid.cover_fee_invalid.email_required.email_invalid.name_required.name_too_long.anonymous_invalid.tribute_kind_invalid.tribute_name_required.tribute_name_too_long.tribute_email_invalid.tribute_message_too_long.locale_invalid.text_invalid.campaign_not_found.idempotency_key_invalid.idempotency_key_reused.origin_not_allowed.payload_too_large.unsupported_media_type.rate_limited.request_rejected.not_found.signature_invalid.request_invalid.request_timeout.headers_too_large.card_declined.payment_failed.payment_unavailable.network_error.timeout.internal_error".split(".");
function Me(e) {
	return typeof e == "string" && je.includes(e);
}
// src/widget/first-intent/payment/api-url.ts
function L(e, t) {
	return e.replace(/\/+$/, "") + t;
}
// src/widget/first-intent/payment/post-donation.ts
var R = "TimeoutError";
async function Ne(e, t, n, r) {
	let i = new AbortController(), a = () => i.abort(r.signal.reason);
	r.signal.addEventListener("abort", a, { once: !0 }), r.signal.aborted && a();
	let o = setTimeout(() => i.abort(new DOMException("The donation request timed out.", R)), r.timeout);
	try {
		let r = await fetch(L(e, "/api/donations"), {
			method: "POST",
			headers: {
				"Content-Type": "application/json",
				"Idempotency-Key": n
			},
			body: t,
			credentials: "omit",
			signal: i.signal
		}), a = await r.json().catch(() => void 0);
		if (i.signal.aborted) throw i.signal.reason;
		return r.ok && Fe(a) ? {
			ok: !0,
			donation: a
		} : {
			ok: !1,
			failure: Pe(r.status, a),
			retryable: r.ok || r.status === 429 || r.status >= 500
		};
	} catch {
		return {
			ok: !1,
			failure: F(i.signal.reason?.name === R ? "timeout" : "network_error"),
			retryable: !0
		};
	} finally {
		clearTimeout(o), r.signal.removeEventListener("abort", a);
	}
}
function Pe(e, t) {
	let n = t?.error, r = e === 429 ? "rate_limited" : e >= 400 && e < 500 ? "request_rejected" : "internal_error";
	return F(Me(n?.code) ? n.code : r, {
		field: typeof n?.field == "string" ? n.field : void 0,
		message: typeof n?.message == "string" ? n.message : void 0
	});
}
function Fe(e) {
	let t = e;
	return typeof t?.clientSecret == "string" && typeof t.donationId == "string" && typeof t.total == "number";
}
// src/widget/first-intent/payment/return-url.ts
var z = "mira_donation", B = "mira_frequency", Ie = [
	"payment_intent",
	"payment_intent_client_secret",
	"redirect_status"
], V = "mira-donate:return:";
function Le(e, t = location.href) {
	let n = H(t);
	return n.searchParams.set(z, e.donationId), n.searchParams.set(B, e.frequency), n.href;
}
function Re(e = location.href) {
	let t = new URL(e).searchParams, n = t.get(z), r = t.get("payment_intent_client_secret"), i = t.get(B);
	return !n || !r ? null : {
		donationId: n,
		clientSecret: r,
		frequency: i && ue.includes(i) ? i : "once"
	};
}
function ze() {
	history.replaceState(history.state, "", H(location.href).href);
}
function H(e) {
	let t = new URL(e);
	for (let e of [
		z,
		B,
		...Ie
	]) t.searchParams.delete(e);
	return t;
}
function Be(e, t) {
	let { clientSecret: n, ...r } = e;
	P(V + e.donationId, JSON.stringify({
		donation: r,
		request: t
	}));
}
function U(e) {
	let t = N(V + e);
	if (Ce(V + e), t) try {
		return JSON.parse(t);
	} catch {
		return;
	}
}
// node_modules/@stripe/stripe-js/dist/pure.mjs
function W(e) {
	"@babel/helpers - typeof";
	return W = typeof Symbol == "function" && typeof Symbol.iterator == "symbol" ? function(e) {
		return typeof e;
	} : function(e) {
		return e && typeof Symbol == "function" && e.constructor === Symbol && e !== Symbol.prototype ? "symbol" : typeof e;
	}, W(e);
}
var Ve = "endive", He = function(e) {
	return e === 3 ? "v3" : e;
}, Ue = "https://js.stripe.com", We = `${Ue}/${Ve}/stripe.js`, Ge = /^https:\/\/js\.stripe\.com\/v3\/?(\?.*)?$/, Ke = /^https:\/\/js\.stripe\.com\/(v3|[a-z]+)\/stripe\.js(\?.*)?$/, qe = "loadStripe.setLoadParameters was called but an existing Stripe.js script already exists in the document; existing script parameters will be used", Je = function(e) {
	return Ge.test(e) || Ke.test(e);
}, Ye = function() {
	for (var e = document.querySelectorAll(`script[src^="${Ue}"]`), t = 0; t < e.length; t++) {
		var n = e[t];
		if (Je(n.src)) return n;
	}
	return null;
}, Xe = function(e) {
	var t = e && !e.advancedFraudSignals ? "?advancedFraudSignals=false" : "", n = document.createElement("script");
	n.src = `${We}${t}`;
	var r = document.head || document.body;
	if (!r) throw Error("Expected document.body not to be null. Stripe.js requires a <body> element.");
	return r.appendChild(n), n;
}, Ze = function(e, t) {
	e && e._registerWrapper && e._registerWrapper({
		name: "stripe-js",
		version: "10.2.1",
		startTime: t
	});
}, G = null, K = null, q = null, Qe = function(e) {
	return function(t) {
		e(Error("Failed to load Stripe.js", { cause: t }));
	};
}, $e = function(e, t) {
	return function() {
		window.Stripe ? e(window.Stripe) : t(/* @__PURE__ */ Error("Stripe.js not available"));
	};
}, et = function(e) {
	if (G !== null) return G;
	var t = function() {
		return new Promise(function(t, n) {
			if (typeof window > "u" || typeof document > "u") t(null);
			else if (window.Stripe && e && console.warn(qe), window.Stripe) t(window.Stripe);
			else try {
				var r = Ye();
				if (r && e) console.warn(qe);
				else if (!r) r = Xe(e);
				else if (r && q !== null && K !== null) {
					var i;
					r.removeEventListener("load", q), r.removeEventListener("error", K), (i = r.parentNode) == null || i.removeChild(r), r = Xe(e);
				}
				q = $e(t, n), K = Qe(n), r.addEventListener("load", q), r.addEventListener("error", K);
			} catch (e) {
				n(e);
				return;
			}
		});
	};
	return G = t().catch(function() {
		return t();
	}).catch(function(e) {
		return G = null, Promise.reject(e);
	}), G;
}, tt = function(e, t, n) {
	if (e === null) return null;
	var r = t[0];
	if (typeof r != "string") throw Error(`Expected publishable key to be of type string, got type ${W(r)} instead.`);
	var i = r.match(/^pk_test/), a = He(e.version), o = Ve;
	i && a !== o && console.warn(`Stripe.js@${a} was loaded on the page, but @stripe/stripe-js@10.2.1 expected Stripe.js@${o}. This may result in unexpected behavior. For more information, see https://docs.stripe.com/sdks/stripejs-versioning`);
	var s = e.apply(void 0, t);
	return Ze(s, n), s;
}, nt = function(e) {
	var t = `invalid load parameters; expected object of shape

    {advancedFraudSignals: boolean}

but received

    ${JSON.stringify(e)}
`;
	if (e === null || W(e) !== "object") throw Error(t);
	if (Object.keys(e).length === 1 && typeof e.advancedFraudSignals == "boolean") return e;
	throw Error(t);
}, J, Y = !1, rt = function() {
	var e = [...arguments];
	Y = !0;
	var t = Date.now();
	return et(J).then(function(n) {
		return tt(n, e, t);
	});
};
rt.setLoadParameters = function(e) {
	if (Y && J) {
		var t = nt(e);
		if (Object.keys(t).reduce(function(t, n) {
			return t && e[n] === J?.[n];
		}, !0)) return;
	}
	if (Y) throw Error("You cannot change load parameters after calling loadStripe");
	J = nt(e);
};
// src/widget/first-intent/payment/stripe-loader.ts
async function it(e, t) {
	let n = await fetch(L(e, "/api/config"), {
		credentials: "omit",
		signal: t
	});
	if (!n.ok) throw Error(`GET /api/config answered ${n.status}`);
	return await n.json();
}
async function at(e, t) {
	e.mode === "demo" && e.stripeJsUrl && !("Stripe" in window) && await ot(new URL(e.stripeJsUrl, t.replace(/\/*$/, "/")).href);
	let n = await rt(e.publishableKey);
	if (!n) throw Error("Stripe.js is not available");
	return n;
}
var X = /* @__PURE__ */ new Map();
function ot(e) {
	let t = X.get(e);
	return t || (t = new Promise((t, n) => {
		let r = document.createElement("script");
		r.src = e, r.addEventListener("load", () => t(), { once: !0 }), r.addEventListener("error", () => {
			r.remove(), X.delete(e), n(/* @__PURE__ */ Error(`Could not load ${e}`));
		}, { once: !0 }), document.head.append(r);
	}), X.set(e, t)), t;
}
// src/widget/first-intent/payment/payment-step.ts
var st = 2e4, ct = 150, lt = class {
	constructor(e) {
		this.mounted = !1, this.aborts = new AbortController(), this._busy = !1, this._status = "idle", this.host = e.host, this.options = {
			timeout: st,
			updateDelay: ct,
			...e
		};
	}
	get busy() {
		return this._busy;
	}
	get status() {
		return this._status;
	}
	connect() {
		this.aborts.signal.aborted && (this.aborts = new AbortController());
	}
	disconnect() {
		clearTimeout(this.updateTimer), this.updateTimer = void 0, this.mounted && this.paymentElement?.unmount(), this.mounted = !1, this.aborts.abort(new DOMException("The donation form left the page.", "AbortError"));
	}
	async show(e) {
		e && (this.config ??= e), (this._status === "idle" || this._status === "unavailable") && this.setStatus("loading"), await this.load() ? this.mount() : this.setStatus("unavailable");
	}
	update(e) {
		if (this.state = { ...e }, !this.elements) {
			this.mount();
			return;
		}
		let t = Z(this.state);
		clearTimeout(this.updateTimer), this.updateTimer = t && !dt(t, this.shown) ? setTimeout(() => this.flushUpdate(), this.options.updateDelay) : void 0;
	}
	pay(e) {
		return this.running || (this.running = this.attempt(e).catch((e) => F("payment_failed", { message: e instanceof Error ? e.message : void 0 })).finally(() => {
			this.running = void 0, this.setBusy(!1);
		}), this.setBusy(!0)), this.running;
	}
	async readReturn(e) {
		let t = Re();
		if (!t) return null;
		ze();
		let n = U(t.donationId), r = n && Te(n.request);
		n && (this.host.lang = n.request.locale), e && (this.config ??= e);
		let i = await this.load();
		if (!i) return F("payment_unavailable");
		let a;
		try {
			a = I(await i.retrievePaymentIntent(t.clientSecret));
		} catch {
			return F("network_error");
		}
		return ut(a, r), a.status === "failed" ? a.failure : n ? {
			status: a.status,
			donation: {
				...n.donation,
				clientSecret: t.clientSecret
			},
			request: n.request
		} : {
			status: a.status,
			donation: ft(t, a.paymentIntent)
		};
	}
	async attempt(e) {
		this.elements || await this.show();
		let { stripe: t, elements: n } = this;
		if (!t || !n || this._status === "unavailable") return F("payment_unavailable");
		this.flushUpdate();
		let r = await n.submit();
		if (r.error) return F("payment_failed", {
			field: "payment",
			message: r.error.message
		});
		let i = Te(e), a = await Ne(this.options.endpoint(), i, Ee(i), {
			timeout: this.options.timeout,
			signal: this.aborts.signal
		});
		if (!a.ok) return a.retryable || De(i), a.failure;
		let { donation: o } = a;
		Be(o, e);
		let s;
		try {
			s = I(await t.confirmPayment({
				elements: n,
				clientSecret: o.clientSecret,
				confirmParams: {
					return_url: Le(o),
					payment_method_data: { billing_details: {
						name: e.donor.name,
						email: e.donor.email
					} }
				},
				redirect: "if_required"
			}));
		} finally {
			U(o.donationId);
		}
		return ut(s, i), s.status === "failed" ? s.failure : {
			status: s.status,
			donation: o,
			request: e
		};
	}
	load() {
		return this.loading ??= (async () => {
			let e = this.options.endpoint();
			return this.config ??= await it(e, this.aborts.signal), this.stripe = await at(this.config, e);
		})().catch(() => {
			this.loading = void 0;
		}), this.loading;
	}
	mount() {
		let e = this.options.container();
		if (this.stripe && e && this.host.isConnected) {
			if (!this.elements || !this.paymentElement) {
				let e = this.state && Z(this.state);
				if (!e) return;
				this.elements = this.stripe.elements({
					...e,
					appearance: xe(this.host)
				}), this.shown = e, this.paymentElement = this.elements.create("payment", { fields: { billingDetails: {
					name: "never",
					email: "never"
				} } }), this.paymentElement.on("ready", () => this.setStatus("ready")), this.paymentElement.on("loaderror", () => this.setStatus("unavailable"));
			}
			this.mounted ||= (this.paymentElement.mount(e), !0);
		}
	}
	flushUpdate() {
		clearTimeout(this.updateTimer), this.updateTimer = void 0;
		let e = this.state && Z(this.state);
		if (this.elements && e && !dt(e, this.shown)) {
			this.shown = e;
			try {
				Promise.resolve(this.elements.update(e)).catch(() => void 0);
			} catch {}
		}
	}
	setBusy(e) {
		e !== this._busy && (this._busy = e, this.options.changed());
	}
	setStatus(e) {
		e !== this._status && (this._status = e, this.options.changed());
	}
};
function ut(e, t) {
	t && (e.status !== "failed" || e.definite) && De(t);
}
function Z(e) {
	if (!(!Number.isSafeInteger(e.total) || e.total <= 0)) return {
		mode: e.frequency === "once" ? "payment" : "subscription",
		amount: e.total,
		currency: e.currency.toLowerCase(),
		locale: Se(e.language)
	};
}
function dt(e, t) {
	return !!t && e.mode === t.mode && e.amount === t.amount && e.currency === t.currency && e.locale === t.locale;
}
function ft(e, t) {
	return {
		donationId: e.donationId,
		clientSecret: e.clientSecret,
		mode: e.frequency === "once" ? "payment" : "subscription",
		gift: t.amount,
		fee: 0,
		total: t.amount,
		frequency: e.frequency,
		currency: t.currency.toUpperCase()
	};
}
// src/widget/first-intent/press-guard.ts
var pt = 600, mt = class {
	constructor() {
		this.waiting = [];
	}
	pressed() {
		if (this.ending) return;
		let e = {
			capture: !0,
			signal: (this.ending = new AbortController()).signal
		};
		window.addEventListener("click", () => this.later(0), e), window.addEventListener("pointerup", () => this.later(pt), e), window.addEventListener("pointercancel", () => this.later(pt), e);
	}
	afterPress(e) {
		this.ending ? this.waiting.push(e) : e();
	}
	end() {
		clearTimeout(this.timer), this.ending?.abort(), this.ending = void 0;
		let e = this.waiting;
		this.waiting = [];
		for (let t of e) t();
	}
	later(e) {
		clearTimeout(this.timer), this.timer = setTimeout(() => this.end(), e);
	}
}, ht = {
	en: {
		errors: {
			body_invalid: "Something in this form isn't right. Please check it and try again.",
			campaign_invalid: "This donation form isn't set up correctly (unknown campaign).",
			currency_unsupported: "This currency isn't accepted here.",
			amount_required: "Please choose or type an amount.",
			amount_invalid: "Please type an amount like 25 or 25.50.",
			amount_too_small: "The smallest gift is {{minimum}}.",
			amount_too_large: "The largest gift online is {{maximum}}. Please contact MIRA for larger gifts.",
			amount_wrong_currency: "Gifts here are in {{currency}}. Please type just the amount, like 25 or 25.50.",
			frequency_invalid: "Please choose how often to give.",
			cover_fee_invalid: "Please choose whether to cover the fee.",
			email_required: "Please enter your email so we can send your receipt.",
			email_invalid: "Please enter an email like name@example.org.",
			name_required: "Please enter your name.",
			name_too_long: "Please shorten your name to 100 characters or fewer.",
			anonymous_invalid: "Please choose whether to give anonymously.",
			tribute_kind_invalid: "Please choose in honor or in memory.",
			tribute_name_required: "Please enter the name of the person you're honoring.",
			tribute_name_too_long: "Please shorten the name to 100 characters or fewer.",
			tribute_email_invalid: "Please enter an email like name@example.org, or leave it empty.",
			tribute_message_too_long: "Please shorten the message to 500 characters or fewer.",
			locale_invalid: "This language isn't available.",
			campaign_not_found: "This campaign wasn't found.",
			idempotency_key_invalid: "Something went wrong sending your gift. Please try again.",
			idempotency_key_reused: "This gift was already sent. Please reload the page to give again.",
			origin_not_allowed: "This page isn't allowed to take donations for MIRA.",
			payload_too_large: "This form has too much text. Please shorten the message.",
			unsupported_media_type: "Something went wrong sending your gift. Please try again.",
			rate_limited: "Too many attempts. Please wait a minute and try again.",
			request_rejected: "We couldn't accept this gift. Please contact MIRA.",
			not_found: "Something went wrong. Please try again later.",
			signature_invalid: "Something went wrong. Please try again later.",
			card_declined: "Your card was declined. Please try another card.",
			payment_failed: "The payment didn't go through. Please try again.",
			payment_unavailable: "Payments aren't available right now. Please try again later.",
			network_error: "We couldn't reach the server. Please check your connection and try again.",
			timeout: "The server took too long to answer. Please try again.",
			internal_error: "Something went wrong on our side. Please try again later.",
			cardHint: "Please try another card, or check the card's details.",
			text_invalid: "Some characters here can't be read. Please type this again.",
			request_invalid: "Something went wrong sending your gift. Please try again.",
			request_timeout: "Sending your gift took too long. Please check your connection and try again.",
			headers_too_large: "Something went wrong sending your gift. Please try again.",
			summary: "Please check these fields:"
		},
		errorSummary: "Please check the highlighted fields.",
		tribute: {
			legend: "Tribute",
			honor: "In honor\xA0of",
			memory: "In memory\xA0of",
			name: "Their name",
			notifyEmail: "Email to notify (optional)",
			message: "Short message (optional)"
		},
		thanks: {
			title: "Thank you, {{name}}!",
			titleNoName: "Thank you!",
			gift: "Your gift of {{amount}} to MIRA went through.",
			gift_honor: "Your gift of {{amount}} in honor of {{name}} went through.",
			gift_memory: "Your gift of {{amount}} in memory of {{name}} went through.",
			fee: "Thank you for covering the {{fee}} fee too: MIRA receives your full gift.",
			processing: "Your bank is still processing the payment. We'll email you when it's complete.",
			receipt: "Your receipt is on its way to {{email}}.",
			charged_once: "Amount charged: {{total}}, one time.",
			charged_month: "Amount charged: {{total}} today, then every month.",
			charged_year: "Amount charged: {{total}} today, then every year."
		}
	},
	es: {
		errors: {
			body_invalid: "Algo en este formulario no está bien. Revísalo y vuelve a intentarlo.",
			campaign_invalid: "Este formulario de donación no está bien configurado (campaña desconocida).",
			currency_unsupported: "Aquí no se acepta esta moneda.",
			amount_required: "Elige o escribe un monto.",
			amount_invalid: "Escribe un monto como 25 o 25.50.",
			amount_too_small: "La donación mínima es de {{minimum}}.",
			amount_too_large: "La donación máxima en línea es de {{maximum}}. Para donaciones mayores, comunícate con MIRA.",
			amount_wrong_currency: "Las donaciones aquí son en {{currency}}. Escribe solo el monto, como 25 o 25.50.",
			frequency_invalid: "Elige con qué frecuencia quieres donar.",
			cover_fee_invalid: "Elige si quieres cubrir la comisión.",
			email_required: "Escribe tu correo electrónico para que te enviemos el recibo.",
			email_invalid: "Escribe un correo electrónico como nombre@ejemplo.org.",
			name_required: "Escribe tu nombre.",
			name_too_long: "Acorta tu nombre a 100 caracteres o menos.",
			anonymous_invalid: "Elige si quieres donar de forma anónima.",
			tribute_kind_invalid: "Elige en honor o en memoria.",
			tribute_name_required: "Escribe el nombre de la persona a quien rindes homenaje.",
			tribute_name_too_long: "Acorta el nombre a 100 caracteres o menos.",
			tribute_email_invalid: "Escribe un correo electrónico como nombre@ejemplo.org, o déjalo vacío.",
			tribute_message_too_long: "Acorta el mensaje a 500 caracteres o menos.",
			locale_invalid: "Este idioma no está disponible.",
			campaign_not_found: "No encontramos esta campaña.",
			idempotency_key_invalid: "Algo salió mal al enviar tu donación. Vuelve a intentarlo.",
			idempotency_key_reused: "Esta donación ya se envió. Recarga la página para volver a donar.",
			origin_not_allowed: "Esta página no está autorizada para recibir donaciones para MIRA.",
			payload_too_large: "El formulario tiene demasiado texto. Acorta el mensaje.",
			unsupported_media_type: "Algo salió mal al enviar tu donación. Vuelve a intentarlo.",
			rate_limited: "Hiciste demasiados intentos. Espera un minuto y vuelve a intentarlo.",
			request_rejected: "No pudimos aceptar esta donación. Comunícate con MIRA.",
			not_found: "Algo salió mal. Vuelve a intentarlo más tarde.",
			signature_invalid: "Algo salió mal. Vuelve a intentarlo más tarde.",
			card_declined: "Tu tarjeta fue rechazada. Prueba con otra tarjeta.",
			payment_failed: "El pago no se completó. Vuelve a intentarlo.",
			payment_unavailable: "Los pagos no están disponibles en este momento. Vuelve a intentarlo más tarde.",
			network_error: "No pudimos conectarnos con el servidor. Revisa tu conexión y vuelve a intentarlo.",
			timeout: "El servidor tardó demasiado en responder. Vuelve a intentarlo.",
			internal_error: "Tuvimos un problema técnico. Vuelve a intentarlo más tarde.",
			cardHint: "Prueba con otra tarjeta o revisa los datos de la tarjeta.",
			text_invalid: "Algunos caracteres no se pueden leer. Escríbelo de nuevo, por favor.",
			request_invalid: "Algo salió mal al enviar tu donación. Vuelve a intentarlo.",
			request_timeout: "Enviar tu donación tardó demasiado. Revisa tu conexión y vuelve a intentarlo.",
			headers_too_large: "Algo salió mal al enviar tu donación. Vuelve a intentarlo.",
			summary: "Revisa estos campos:"
		},
		errorSummary: "Revisa los campos marcados, por favor.",
		tribute: {
			legend: "Homenaje",
			honor: "En honor\xA0a",
			memory: "En memoria\xA0de",
			name: "Nombre de la persona homenajeada",
			notifyEmail: "Correo electrónico para avisar del homenaje (opcional)",
			message: "Mensaje breve (opcional)"
		},
		thanks: {
			title: "¡Muchas gracias, {{name}}!",
			titleNoName: "¡Muchas gracias!",
			gift: "Recibimos tu donación de {{amount}} para MIRA.",
			gift_honor: "Recibimos tu donación de {{amount}} en honor a {{name}}.",
			gift_memory: "Recibimos tu donación de {{amount}} en memoria de {{name}}.",
			fee: "Gracias también por cubrir la comisión de {{fee}}: MIRA recibe tu donación completa.",
			processing: "Tu banco todavía está procesando el pago. Te avisaremos por correo electrónico cuando se complete.",
			receipt: "Te enviamos el recibo a {{email}}.",
			charged_once: "Importe cobrado: {{total}}, una sola vez.",
			charged_month: "Importe cobrado: {{total}} hoy y luego cada mes.",
			charged_year: "Importe cobrado: {{total}} hoy y luego cada año."
		}
	},
	pt: {
		errors: {
			body_invalid: "Algo neste formulário não está certo. Confira e tente novamente.",
			campaign_invalid: "Este formulário de doação não está configurado corretamente (campanha desconhecida).",
			currency_unsupported: "Esta moeda não é aceita aqui.",
			amount_required: "Escolha ou digite um valor.",
			amount_invalid: "Digite um valor como 25 ou 25,50.",
			amount_too_small: "A doação mínima é de {{minimum}}.",
			amount_too_large: "A doação máxima on-line é de {{maximum}}. Para doações maiores, fale com a MIRA.",
			amount_wrong_currency: "As doações aqui são em {{currency}}. Digite só o valor, como 25 ou 25,50.",
			frequency_invalid: "Escolha com que frequência você quer doar.",
			cover_fee_invalid: "Escolha se você quer cobrir a taxa.",
			email_required: "Digite seu e-mail para podermos enviar seu recibo.",
			email_invalid: "Digite um e-mail como nome@exemplo.org.",
			name_required: "Digite seu nome.",
			name_too_long: "Encurte seu nome para no máximo 100 caracteres.",
			anonymous_invalid: "Escolha se você quer doar anonimamente.",
			tribute_kind_invalid: "Escolha em homenagem ou em memória.",
			tribute_name_required: "Digite o nome da pessoa homenageada.",
			tribute_name_too_long: "Encurte o nome para no máximo 100 caracteres.",
			tribute_email_invalid: "Digite um e-mail como nome@exemplo.org ou deixe em branco.",
			tribute_message_too_long: "Encurte a mensagem para no máximo 500 caracteres.",
			locale_invalid: "Este idioma não está disponível.",
			campaign_not_found: "Não encontramos esta campanha.",
			idempotency_key_invalid: "Algo deu errado ao enviar sua doação. Tente novamente.",
			idempotency_key_reused: "Esta doação já foi enviada. Recarregue a página para doar novamente.",
			origin_not_allowed: "Esta página não tem autorização para receber doações para a MIRA.",
			payload_too_large: "O formulário tem texto demais. Encurte a mensagem.",
			unsupported_media_type: "Algo deu errado ao enviar sua doação. Tente novamente.",
			rate_limited: "Você fez muitas tentativas. Aguarde um minuto e tente novamente.",
			request_rejected: "Não foi possível aceitar esta doação. Fale com a MIRA.",
			not_found: "Algo deu errado. Tente novamente mais tarde.",
			signature_invalid: "Algo deu errado. Tente novamente mais tarde.",
			card_declined: "Seu cartão foi recusado. Tente outro cartão.",
			payment_failed: "O pagamento não foi concluído. Tente novamente.",
			payment_unavailable: "Os pagamentos não estão disponíveis no momento. Tente mais tarde.",
			network_error: "Não foi possível conectar ao servidor. Verifique sua conexão e tente novamente.",
			timeout: "O servidor demorou demais para responder. Tente novamente.",
			internal_error: "Tivemos um problema técnico. Tente novamente mais tarde.",
			cardHint: "Tente outro cartão ou confira os dados do cartão.",
			text_invalid: "Alguns caracteres não podem ser lidos. Digite novamente.",
			request_invalid: "Algo deu errado ao enviar sua doação. Tente novamente.",
			request_timeout: "O envio da sua doação demorou demais. Confira sua conexão e tente novamente.",
			headers_too_large: "Algo deu errado ao enviar sua doação. Tente novamente.",
			summary: "Confira estes campos:"
		},
		errorSummary: "Confira os campos destacados.",
		tribute: {
			legend: "Homenagem",
			honor: "Em homenagem\xA0a",
			memory: "Em memória\xA0de",
			name: "Nome da pessoa homenageada",
			notifyEmail: "E-mail para avisar sobre a homenagem (opcional)",
			message: "Mensagem curta (opcional)"
		},
		thanks: {
			title: "Muito obrigado, {{name}}!",
			titleNoName: "Muito obrigado!",
			gift: "Recebemos sua doação de {{amount}} para a MIRA.",
			gift_honor: "Recebemos sua doação de {{amount}} em homenagem a {{name}}.",
			gift_memory: "Recebemos sua doação de {{amount}} em memória de {{name}}.",
			fee: "Obrigado também por cobrir a taxa de {{fee}}: a MIRA recebe sua doação integral.",
			processing: "Seu banco ainda está processando o pagamento. Vamos avisar você por e-mail quando ele for concluído.",
			receipt: "Seu recibo está a caminho de {{email}}.",
			charged_once: "Valor cobrado: {{total}}, uma única vez.",
			charged_month: "Valor cobrado: {{total}} hoje e depois todo mês.",
			charged_year: "Valor cobrado: {{total}} hoje e depois todo ano."
		}
	}
}, gt = /* @__PURE__ */ new Map();
function _t(e, t) {
	let n = `${t}|${e}`, r = gt.get(n);
	return r === void 0 && (r = new Intl.NumberFormat(le(t), {
		style: "currency",
		currency: e,
		currencyDisplay: "name"
	}).formatToParts(2).find((e) => e.type === "currency")?.value ?? e, t !== "en" && (r = r.charAt(0).toLocaleLowerCase(le(t)) + r.slice(1)), gt.set(n, r)), r;
}
// src/widget/first-intent/html.ts
var Q = (e, ...t) => ({
	_$litType$: 1,
	strings: e,
	values: t
}), $ = Symbol.for("lit-nothing");
// src/widget/first-intent/templates/errors.ts
function vt(e, t, n) {
	let r = (n) => e.money(n, t, { trimWhole: !0 }), i = (i) => e.term(`errors.${i.code}`, {
		minimum: r(n.minimum),
		maximum: r(n.maximum),
		...i.code === "amount_wrong_currency" ? { currency: _t(t, e.language) } : {}
	});
	return {
		field: i,
		payment: (t) => {
			let n = (t.field === "payment" || t.card) && t.message;
			return n ? {
				message: n,
				hint: t.card && e.term("errors.cardHint")
			} : { message: i(t) };
		}
	};
}
var yt = {
	gift: "amount.other",
	"tribute.name": "tribute.name",
	"tribute.notifyEmail": "tribute.notifyEmail",
	"tribute.message": "tribute.message",
	"donor.name": "donor.name",
	"donor.email": "donor.email"
};
function bt(e, t, n, r) {
	let i = (e) => (t) => {
		t.preventDefault(), r(e);
	};
	return Q`<div part="error error-summary" id="error-summary" class="error-summary" role="alert" tabindex="-1"> ${t.length ? Q`<p>${e.term("errors.summary")}</p> <ul>${t.map(({ field: t, input: n }) => Q`<li><a href="#${n}" @click=${i(t)}>${e.term(yt[t] ?? t)}</a></li>`)}</ul>` : $} ${n.map((e) => Q`<p>${e}</p>`)} </div>`;
}
// src/widget/first-intent/templates/thank-you.ts
function xt(e, { status: t, donation: n, request: r }) {
	let i = (t, n) => e.term(t, n), { gift: a, fee: o, total: s, currency: c, frequency: l } = n, u = r?.donor.name, d = r?.donor.email, f = r?.tribute, p = i(`amount.${l}`, { amount: e.money(a, c, { trimWhole: !0 }) }), m = f ? i(`thanks.gift_${f.kind}`, {
		amount: p,
		name: f.name
	}) : i("thanks.gift", { amount: p });
	return Q` <section part="thank-you" id="thank-you" class="thank-you" tabindex="-1" aria-labelledby="thank-you-title" aria-describedby="thank-you-gift thank-you-charged"> <h2 id="thank-you-title" class="thank-you-title">${u ? i("thanks.title", { name: St(u) }) : i("thanks.titleNoName")}</h2> <p id="thank-you-gift">${m}</p> <p id="thank-you-charged">${i(`thanks.charged_${l}`, { total: e.money(s, c) })}</p> ${o > 0 ? Q`<p>${i("thanks.fee", { fee: e.money(o, c) })}</p>` : $} ${t === "processing" ? Q`<p>${i("thanks.processing")}</p>` : $} ${d ? Q`<p class="hint">${i("thanks.receipt", { email: d })}</p>` : $} </section> `;
}
function St(e) {
	return e.trim().split(/\s+/)[0] ?? e;
}
// src/widget/first-intent/templates/tribute-details.ts
function Ct(e, t, n, r, i, { radio: a, field: o }) {
	let s = (t) => e.term(t), c = w.indexOf(t.kind);
	return Q` <div class="options" role="radiogroup" aria-label=${s("tribute.legend")} @keydown=${n.handleKeyDown}> ${w.map((e, t) => a("tribute-kind", t, c, s(`tribute.${e}`), () => i.chooseKind(e)))} </div> ${o("tribute-name", s("tribute.name"), t.name, i.input("name"), r("tribute.name"), {
		autocomplete: "off",
		required: s("form.required")
	})} ${o("tribute-email", s("tribute.notifyEmail"), t.notifyEmail, i.input("notifyEmail"), r("tribute.notifyEmail"), {
		type: "email",
		autocomplete: "off"
	})} ${o("tribute-message", s("tribute.message"), t.message, i.input("message"), r("tribute.message"), { multiline: !0 })} `;
}
// src/widget/first-intent/index.ts
var wt = {
	terms: ht,
	validate: _e,
	errorWords: vt,
	renderErrorSummary: bt,
	renderTributeDetails: Ct,
	renderThankYou: xt,
	countGift: ye,
	PaymentStep: lt,
	PressGuard: mt
};
export { wt as firstIntent };
