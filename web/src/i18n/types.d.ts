import 'i18next';
import type zhCN from './zh-CN.json';
import type { FeatureMessages } from '../features';

// Keys are checked at compile time against the default (zh-CN) catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN & FeatureMessages };
  }
}
