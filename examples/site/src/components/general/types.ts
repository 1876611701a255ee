// The generic kinds' props, generated from schemas/props/general/<kind>.schema.json
// (pipeline/props/general.py) into types/general.d.ts by `make types`; nothing is declared by hand.
// Every text a view shows is one of these strings: the views hold no data and no strings of their own.
import type {GeneralProps} from '@site-data/general';

export type {
  SourceProps, PlausibilityProps, GeneralProvenanceProps, ValueProps, ChangeProps,
  ScenarioLabelProps, AxisProps, SeriesLabelProps, LineMarkProps, BarProps, BarPanelProps,
  BarsProps, GroupBarProps, GroupProps, SectionProps, GroupedBarsProps, PointProps, LineProps,
  LinesProps, TableColumnProps, TableCellProps, TableRowProps, ValueTableProps, KpiCardProps,
  KpiCardsProps, TextCardProps, TextCardsProps, MatrixCellProps, MatrixRowProps, MatrixProps,
  FindingProps, FindingsProps, RecommendationProps, RecommendationsProps
} from '@site-data/general';

/** The props of any generic component (its `kind` tells which). */
export type BenchmarkProps = GeneralProps[keyof GeneralProps];
