/** The three languages the form speaks, and the Intl locale each one formats money with. */
export const LANGUAGES = ['en', 'es', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

const INTL_LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-US', pt: 'pt-BR' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** `pt-BR` → `pt`, `es-419` → `es`, `fr` → undefined: the form's language for a BCP 47 tag, if it speaks it. */
export function matchLanguage(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : undefined;
}

export function intlLocale(language: Language): string {
  return INTL_LOCALES[language];
}
