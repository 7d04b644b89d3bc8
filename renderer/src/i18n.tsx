// UI language (English / Korean): the chrome's strings and which half of each scenario's
// bilingual text is shown. The choice persists per browser profile.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { STRINGS, type StringKey } from './strings';

export type Lang = 'en' | 'ko';

interface LangValue {
  lang: Lang;
  setLang(l: Lang): void;
  t(key: StringKey, vars?: Record<string, string | number>): string;
}

const LangContext = createContext<LangValue | null>(null);

function initial(): Lang {
  try {
    const v = window.localStorage.getItem('chaoslab.lang');
    if (v === 'en' || v === 'ko') return v;
  } catch {
    // storage unavailable: default below
  }
  return navigator.language?.startsWith('ko') ? 'ko' : 'en';
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initial();
    document.documentElement.lang = l;
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      window.localStorage.setItem('chaoslab.lang', l);
    } catch {
      // not persisted; fine
    }
    document.documentElement.lang = l;
  }, []);
  const value = useMemo<LangValue>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => {
        let s: string = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
        if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      },
    }),
    [lang, setLang],
  );
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangValue {
  const v = useContext(LangContext);
  if (!v) throw new Error('useLang outside LangProvider');
  return v;
}
