import type {LoadContext, Plugin} from '@docusaurus/types';

export interface Options {
  /** The site-data project (data/, i18n/, templates/), relative to the site; default: the site itself. */
  root?: string;
  /** Where site-data writes its output, relative to root; default 'site-data'. */
  output?: string;
  /** More folders laid out like site-data/ (<report>/<locale>/...) whose reports pages may import. */
  extraSources?: string[];
  /** The command that runs site-data; default: root/.venv/bin/python -m pipeline if present, else site-data. */
  command?: string[];
  /** Extra arguments to `site-data build`, e.g. ['--no-charts']. */
  args?: string[];
  /** Throw (fail the Docusaurus build) when site-data fails; default: in production builds only. */
  failOnError?: boolean;
  /** The import prefix; default '@site-data'. */
  alias?: string;
}

export interface Content {
  reports: string[];
  locale: string;
  ok: boolean;
}

export default function pluginSiteData(context: LoadContext, options?: Options): Plugin<Content>;
