// An example Docusaurus 3 site that renders site-data/'s props and MDX tables in three locales.
// `make site` builds it; `make site-serve` serves the build on 127.0.0.1; `npm run start` is the editors'
// live preview: docusaurus-plugin-site-data rebuilds the data when a file under data/, i18n/ or templates/
// is saved, and pages import the current locale's files as '@site-data/<report>/<Component>.json'.
import path from 'node:path';
import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';

const repository = path.resolve(__dirname, '../..');

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
  plugins: [
    [
      'docusaurus-plugin-site-data',
      {
        // The project the plugin builds: this repository, or another one (the live-preview test's copy).
        root: process.env.SITE_DATA_ROOT ?? repository,
        command: [path.join(repository, '.venv', 'bin', 'python'), '-m', 'pipeline'],
        // The pages draw their own charts: the dev server skips the static ones (2-3 s a save; they are
        // left as they were, so run `make site-data` before committing), a production build draws them.
        args: process.env.NODE_ENV === 'production' ? [] : ['--no-charts'],
        // The consistent demo report's golden outputs (MDX-hostile labels: the browser test's fixture).
        extraSources: ['tests/golden'],
      },
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
