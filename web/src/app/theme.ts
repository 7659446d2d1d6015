import type { ThemeConfig } from 'antd';

/**
 * Colours chosen for WCAG 2.1 AA on white: antd's default blue (#1677ff, 3.9:1) and its light grey
 * secondary text (45 % black, 3.4:1) fail it, so both are darker here, and so are the hover and
 * active shades (a pointer left on a button after a click must not drop it below AA).
 */
const presetTagText = {
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
} as const;

const base: ThemeConfig['token'] = {
  colorPrimary: '#0b57d0',
  // antd derives hover and active shades by lightening (#2f78de: 4.3:1 under white text); darken instead.
  colorPrimaryHover: '#0a4cb8',
  colorPrimaryActive: '#083f99',
  colorLink: '#0b57d0',
  colorLinkHover: '#0a4cb8',
  colorLinkActive: '#083f99',
  colorError: '#c5221f',
  colorSuccess: '#137333',
  // antd derives the success alert's background from the dark green above: a grey-green that reads as disabled. A clear light green instead.
  colorSuccessBg: '#e6f4ea',
  colorSuccessBorder: '#81c995',
  colorWarning: '#a15c00',
  colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  borderRadius: 6,
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
};

/** 长辈版: larger type and targets, near-black text, an even darker primary (AAA on white). */
const elder: ThemeConfig['token'] = {
  ...base,
  colorPrimary: '#0842a0',
  colorPrimaryHover: '#06368a',
  colorPrimaryActive: '#052c70',
  colorLink: '#0842a0',
  colorLinkHover: '#06368a',
  colorLinkActive: '#052c70',
  colorText: '#000000',
  colorTextHeading: '#000000',
  colorTextSecondary: 'rgba(0, 0, 0, 0.85)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.8)',
  colorTextDescription: 'rgba(0, 0, 0, 0.8)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.7)',
  colorBorder: '#595959',
  fontSize: 18,
  fontSizeSM: 16,
  fontSizeLG: 20,
  fontSizeHeading1: 36,
  fontSizeHeading2: 30,
  fontSizeHeading3: 26,
  fontSizeHeading4: 22,
  lineHeight: 1.7,
  controlHeight: 44,
  controlHeightSM: 36,
  controlHeightLG: 52,
  padding: 20,
  margin: 20,
};

export function themeFor(elderMode: boolean, reducedMotion = false): ThemeConfig {
  // One antd version on the page, so class hashing is not needed and the CSS stays smaller.
  // Preset-coloured tags (<Tag color="green">) write their text in the palette's 7th shade on its
  // 1st; for green, orange, gold, yellow, lime, cyan and volcano that is under 4.5:1, so within Tag
  // the 7th shade is the first one of the palette that reaches AA on its own light background.
  // A visitor whose system asks for less motion (WCAG 2.3.3) gets dialogs, drawers, menus and
  // messages that appear and go without antd's animations.
  const token = elderMode ? elder : base;
  return { token: reducedMotion ? { ...token, motion: false } : token, components: { Tag: presetTagText }, hashed: false };
}
