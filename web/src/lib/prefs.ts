import { useSyncExternalStore } from 'react';

/**
 * The two things a visitor chooses that outlive the session: the language and the elder mode
 * (长辈版). Kept in localStorage, reflected on <html> (lang attribute, `elder` class) at once.
 */
export type Language = 'zh-CN' | 'en';

export interface Prefs {
  language: Language;
  elder: boolean;
}

const LANGUAGE_KEY = 'yiwang.language';
const ELDER_KEY = 'yiwang.elder';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode or storage full: the choice still applies to this page
  }
}

function initialLanguage(): Language {
  const saved = read(LANGUAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return 'zh-CN';
}

let prefs: Prefs = { language: initialLanguage(), elder: read(ELDER_KEY) === '1' };
const listeners = new Set<() => void>();

function applyToDocument(p: Prefs): void {
  const html = document.documentElement;
  html.lang = p.language;
  html.classList.toggle('elder', p.elder);
}
applyToDocument(prefs);

function set(next: Partial<Prefs>): void {
  prefs = { ...prefs, ...next };
  applyToDocument(prefs);
  for (const l of listeners) l();
}

export function getPrefs(): Prefs {
  return prefs;
}

export function setElder(elder: boolean): void {
  write(ELDER_KEY, elder ? '1' : '0');
  set({ elder });
}

/** Only i18n calls this, once the language's messages are loaded. */
export function commitLanguage(language: Language): void {
  write(LANGUAGE_KEY, language);
  set({ language });
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function usePrefs(): Prefs {
  return useSyncExternalStore(subscribe, getPrefs, getPrefs);
}

/** The system's "reduce motion" setting (prefers-reduced-motion), followed as it changes. */
const reducedMotionQuery = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;

function subscribeReducedMotion(l: () => void): () => void {
  reducedMotionQuery?.addEventListener('change', l);
  return () => reducedMotionQuery?.removeEventListener('change', l);
}
const reducedMotion = () => reducedMotionQuery?.matches ?? false;

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribeReducedMotion, reducedMotion, reducedMotion);
}
