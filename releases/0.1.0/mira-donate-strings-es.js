// src/widget/languages/es.ts
var e = {
	language: {
		name: "Español",
		switch: "Idioma"
	},
	form: {
		label: "Dona a MIRA",
		demo: "Modo de demostración: no se hará ningún cobro real.",
		test: "Modo de prueba: no se hará ningún cobro real. Usa las tarjetas de prueba de Stripe.",
		offline: "No pudimos conectarnos con el servidor. Revisa tu conexión y vuelve a intentarlo.",
		required: "(obligatorio)"
	},
	progress: {
		label: "Avance hacia la meta",
		raised: "{{raised}} recaudados",
		goal: "de una meta de {{goal}}",
		valueText: "{{raised}} recaudados de una meta de {{goal}}, {{percent}}",
		underOne: "<{{percent}}",
		underOneSpoken: "menos del {{percent}}",
		donors_one: "{{formatted}} donante",
		donors_many: "{{formatted}} donantes",
		donors_other: "{{formatted}} donantes",
		loading: "Cargando la campaña…",
		unavailable: "El avance no está disponible ahora.",
		goalOnly: "Ayúdanos a llegar a {{goal}}",
		firstGifts: "Sé de las primeras personas en donar."
	},
	frequency: {
		legend: "Frecuencia",
		once: "Única",
		month: "Mensual",
		year: "Anual"
	},
	amount: {
		legend: "Monto",
		once: "{{amount}}",
		month: "{{amount}}/mes",
		year: "{{amount}}/año",
		other: "Otro monto",
		limits: "De {{minimum}} a {{maximum}}"
	},
	fee: {
		legend: "Llega aún más lejos",
		cover: "Agrega {{fee}} para que MIRA reciba tus {{gift}} completos",
		coverPending: "Agrega la comisión para que MIRA reciba tu donación completa",
		decline: "No, gracias"
	},
	tributeToggle: "Donar en honor o en memoria de alguien",
	donor: {
		legend: "Tus datos",
		name: "Nombre completo",
		email: "Correo electrónico",
		emailHint: "Te enviaremos el recibo a este correo.",
		anonymous: "Donar de forma anónima",
		anonymousHint: "No mostraremos tu nombre públicamente."
	},
	summary: {
		empty: "Elige un monto para ver el total.",
		once: "Pagas {{total}} hoy y MIRA recibe {{gift}}.",
		month: "Pagas {{total}} al mes y MIRA recibe {{gift}} al mes.",
		year: "Pagas {{total}} al año y MIRA recibe {{gift}} al año."
	},
	submit: {
		empty: "Donar",
		once: "Donar {{total}}",
		month: "Donar {{total}}/mes",
		year: "Donar {{total}}/año",
		busy: "Procesando…"
	},
	honeypot: "Deja este campo vacío"
};
export { e as terms };
