// An example Docusaurus 3 site that renders site-data/'s props and MDX tables in three locales.
// `make site` builds it; `make site-serve` serves the build on 127.0.0.1.
import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';

const config: Config = {
  title: 'site-data example',
  tagline: 'Benchmark reports rendered from generated props',
  url: 'http://127.0.0.1',
  baseUrl: '/',
  favicon: 'img/favicon.svg',
  onBrokenLinks: 'throw',
  // Nothing may reach the network while building or serving (CI has none).
  noIndex: true,
  trailingSlash: false,
  i18n: {
    defaultLocale: 'ko',
    locales: ['ko', 'en', 'zh'],
    localeConfigs: {
      ko: {label: '한국어', htmlLang: 'ko'},
      en: {label: 'English', htmlLang: 'en'},
      zh: {label: '简体中文', htmlLang: 'zh-Hans'},
    },
  },
  markdown: {
    format: 'mdx',
    hooks: {onBrokenMarkdownLinks: 'throw'},
  },
  presets: [
    [
      'classic',
      {
        docs: {routeBasePath: '/', sidebarPath: './sidebars.ts'},
        blog: false,
        pages: false,
        theme: {customCss: './src/css/custom.css'},
        sitemap: false,
      } satisfies Preset.Options,
    ],
  ],
  themeConfig: {
    colorMode: {defaultMode: 'light', disableSwitch: false, respectPrefersColorScheme: false},
    navbar: {
      title: 'site-data',
      items: [{type: 'localeDropdown', position: 'right'}],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
