// src/widget/languages/pt.ts
var e = {
	language: {
		name: "Português",
		switch: "Idioma"
	},
	form: {
		label: "Doe para a MIRA",
		demo: "Modo de demonstração: nenhuma cobrança real será feita.",
		test: "Modo de teste: nenhuma cobrança real será feita. Use os cartões de teste da Stripe.",
		offline: "Não foi possível conectar ao servidor. Verifique sua conexão e tente novamente.",
		required: "(obrigatório)"
	},
	progress: {
		label: "Progresso rumo à meta",
		raised: "{{raised}} arrecadados",
		goal: "de uma meta de {{goal}}",
		valueText: "{{raised}} arrecadados de uma meta de {{goal}}, {{percent}}",
		underOne: "<{{percent}}",
		underOneSpoken: "menos de {{percent}}",
		donors_one: "{{formatted}} doador",
		donors_many: "{{formatted}} doadores",
		donors_other: "{{formatted}} doadores",
		loading: "Carregando a campanha…",
		unavailable: "O progresso não está disponível agora.",
		goalOnly: "Ajude-nos a chegar a {{goal}}",
		firstGifts: "Seja uma das primeiras pessoas a doar."
	},
	frequency: {
		legend: "Frequência",
		once: "Única",
		month: "Mensal",
		year: "Anual"
	},
	amount: {
		legend: "Valor",
		once: "{{amount}}",
		month: "{{amount}}/mês",
		year: "{{amount}}/ano",
		other: "Outro valor",
		limits: "De {{minimum}} a {{maximum}}"
	},
	fee: {
		legend: "Vá ainda mais longe",
		cover: "Adicione {{fee}} para a MIRA receber o valor integral de {{gift}}",
		coverPending: "Adicione a taxa para a MIRA receber o valor integral da sua doação",
		decline: "Não, prefiro não"
	},
	tributeToggle: "Doar em homenagem ou em memória de alguém",
	donor: {
		legend: "Seus dados",
		name: "Nome completo",
		email: "E-mail",
		emailHint: "Seu recibo será enviado para este e-mail.",
		anonymous: "Doar anonimamente",
		anonymousHint: "Não mostraremos seu nome publicamente."
	},
	summary: {
		empty: "Escolha um valor para ver o total.",
		once: "Você paga {{total}} hoje e a MIRA recebe {{gift}}.",
		month: "Você paga {{total}} por mês e a MIRA recebe {{gift}} por mês.",
		year: "Você paga {{total}} por ano e a MIRA recebe {{gift}} por ano."
	},
	submit: {
		empty: "Doar",
		once: "Doar {{total}}",
		month: "Doar {{total}}/mês",
		year: "Doar {{total}}/ano",
		busy: "Processando…"
	},
	honeypot: "Deixe este campo em branco"
};
export { e as terms };
