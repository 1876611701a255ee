// Local interfaces matching schemas/props/general/<kind>.schema.json (pipeline/props/general.py).
// Every text a view shows is one of these strings: the views hold no data and no strings of their own.

export interface SourceProps {
  id: string;
  title: string;
  publisher: string;
  url?: string | null;
}

export interface PlausibilityProps {
  code: string;
  title: string;
  note: string;
  waived: boolean;
}

export interface GeneralProvenanceProps {
  kind: 'measured' | 'estimated' | 'derived' | 'missing' | 'not_applicable';
  label: string;
  source?: SourceProps | null;
  files?: string[];
  runs?: number | null;
  formula?: string | null;
  approximate?: boolean;
  plausibility?: PlausibilityProps[];
}

/** One figure: value null means "not measured" (formatted then says so). */
export interface ValueProps {
  value: number | null;
  low?: number | null;
  high?: number | null;
  formatted: string;
  number: string;
  provenance: GeneralProvenanceProps;
}

export interface ChangeProps {
  measure: 'change' | 'ratio' | 'difference';
  value?: number | null;
  formatted: string;
  better?: boolean | null;
  reference: string;
  subject: string;
  sentence: string;
  stated?: string | null;
}

export interface ScenarioLabelProps {
  id: string;
  short_label: string;
  label: string;
  role: string;
  color: string;
  deployment?: string | null;
  hourly_price?: unknown;
}

export interface AxisProps {
  min: number;
  max: number;
  label: string;
}

export interface SeriesLabelProps {
  id: string;
  label: string;
}

interface BaseProps {
  schema_version?: number;
  report?: string;
  locale?: string;
  component?: string;
  title: string;
  description?: string | null;
  notes: string[];
  footnotes: string[];
  scenarios: ScenarioLabelProps[];
}

// bars
export interface LineMarkProps {
  value: number;
  formatted: string;
  label: string;
}
export interface BarProps {
  scenario: string;
  figure: ValueProps;
  relative?: ChangeProps | null;
  best?: boolean;
  flag?: string | null;
}
export interface BarPanelProps {
  title: string;
  metric: string;
  statistic?: string;
  direction?: 'lower' | 'higher';
  direction_label: string;
  axis: AxisProps;
  line?: LineMarkProps | null;
  bars: BarProps[];
}
export interface BarsProps extends BaseProps {
  kind: 'bars';
  panels: BarPanelProps[];
}

// grouped_bars
export interface GroupBarProps {
  series: string;
  figure: ValueProps;
}
export interface GroupProps {
  scenario: string;
  label: string;
  bars: GroupBarProps[];
  change?: ChangeProps | null;
}
export interface SectionProps {
  title: string;
  metric: string;
  direction_label: string;
  axis: AxisProps;
  series: SeriesLabelProps[];
  groups: GroupProps[];
}
export interface GroupedBarsProps extends BaseProps {
  kind: 'grouped_bars';
  sections: SectionProps[];
}

// lines
export interface PointProps {
  level: string;
  figure: ValueProps;
}
export interface LineProps {
  scenario: string;
  points: PointProps[];
}
export interface LinesProps extends BaseProps {
  kind: 'lines';
  metric: string;
  x_label: string;
  levels: SeriesLabelProps[];
  axis: AxisProps;
  direction_label: string;
  lines: LineProps[];
}

// value_table
export interface TableColumnProps {
  id: string;
  label: string;
  kind: 'figure' | 'change';
}
export interface TableCellProps {
  text: string;
  figure?: ValueProps | null;
  change?: ChangeProps | null;
  best?: boolean;
}
export interface TableRowProps {
  label: string;
  metric?: string | null;
  cells: TableCellProps[];
}
export interface ValueTableProps extends BaseProps {
  kind: 'value_table';
  columns: TableColumnProps[];
  row_heading: string;
  rows: TableRowProps[];
}

// kpi_cards
export interface KpiCardProps {
  label: string;
  value: string;
  figure?: ValueProps | null;
  change?: ChangeProps | null;
  sub?: string | null;
  color?: string | null;
}
export interface KpiCardsProps extends BaseProps {
  kind: 'kpi_cards';
  cards: KpiCardProps[];
}

// text_cards
export interface TextCardProps {
  title: string;
  text?: string | null;
  tags: string[];
  items: string[];
  scenario?: string | null;
  color?: string | null;
}
export interface TextCardsProps extends BaseProps {
  kind: 'text_cards';
  cards: TextCardProps[];
}

// matrix
export interface MatrixCellProps {
  mark: 'yes' | 'no' | 'partial' | null;
  mark_label: string | null;
  text: string;
}
export interface MatrixRowProps {
  label: string;
  cells: MatrixCellProps[];
  highlight?: boolean;
}
export interface MatrixProps extends BaseProps {
  kind: 'matrix';
  row_heading: string;
  columns: string[];
  rows: MatrixRowProps[];
}

// findings
export interface FindingProps {
  kind: 'leader' | 'change' | 'ratio' | 'range' | 'note';
  title: string;
  text: string;
  figures: ValueProps[];
  change?: ChangeProps | null;
  scenario?: string | null;
  color?: string | null;
  tag?: string | null;
}
export interface FindingsProps extends BaseProps {
  kind: 'findings';
  findings: FindingProps[];
}

// recommendations
export interface RecommendationProps {
  workload: string;
  scenarios: string[];
  recommended: string;
  rationale: string;
  changes: ChangeProps[];
  figures: ValueProps[];
}
export interface RecommendationsProps extends BaseProps {
  kind: 'recommendations';
  columns: Record<string, string>;
  rows: RecommendationProps[];
  cards: TextCardProps[];
}

export type BenchmarkProps =
  | BarsProps
  | GroupedBarsProps
  | LinesProps
  | ValueTableProps
  | KpiCardsProps
  | TextCardsProps
  | MatrixProps
  | FindingsProps
  | RecommendationsProps;
