import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

const sidebars: SidebarsConfig = {
  reports: ['llama4-fm-serving', 'consistent-demo', 'cni-performance-comparison'],
};

export default sidebars;
