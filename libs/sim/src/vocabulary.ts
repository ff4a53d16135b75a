/**
 * The words the simulated world is made of: roles, skills, companies, resume phrases.
 * Kept apart from the behaviour so the world can be re-skinned without touching causality.
 */

/** The edit types a resume rewrite can carry (the contract's open vocabulary). */
export const EDIT_TYPES = [
  'added_metrics_to_bullets',
  'strengthened_action_verbs',
  'added_certifications',
  'reorganized_sections',
  'added_keywords',
] as const;
export type EditType = (typeof EDIT_TYPES)[number];

/** Strategy modes the simulated strategy engine uses. */
export const STRATEGY_MODES = ['IMPROVE_RESUME_FIRST', 'BALANCED', 'APPLY_AGGRESSIVELY'] as const;
export type StrategyMode = (typeof STRATEGY_MODES)[number];

/** Target roles; job titles are "<level> <role>", profiles list roles verbatim. */
export const ROLES = [
  'Software Engineer',
  'Data Scientist',
  'Data Engineer',
  'Product Manager',
  'Product Designer',
  'DevOps Engineer',
  'Security Engineer',
  'Marketing Manager',
] as const;
export type Role = (typeof ROLES)[number];

/** Individual-contributor levels: index = level number, used for the seniority fit. */
export const LEVELS = ['junior', 'mid', 'senior', 'staff', 'principal'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_TITLES: Record<Level, string> = {
  junior: 'Junior',
  mid: '',
  senior: 'Senior',
  staff: 'Staff',
  principal: 'Principal',
};
/** Years of experience a job at each level asks for. */
export const LEVEL_YEARS: Record<Level, number> = {
  junior: 1,
  mid: 3.5,
  senior: 6.5,
  staff: 10,
  principal: 14,
};

export const ROLE_SKILLS: Record<Role, readonly string[]> = {
  'Software Engineer': [
    'TypeScript',
    'Java',
    'Go',
    'Python',
    'React',
    'Node.js',
    'PostgreSQL',
    'AWS',
    'Kubernetes',
    'GraphQL',
    'System Design',
    'Testing',
  ],
  'Data Scientist': [
    'Python',
    'R',
    'SQL',
    'Statistics',
    'Machine Learning',
    'PyTorch',
    'Experimentation',
    'Causal Inference',
    'Pandas',
    'Spark',
    'Forecasting',
    'Tableau',
  ],
  'Data Engineer': [
    'SQL',
    'Python',
    'Spark',
    'Airflow',
    'dbt',
    'Kafka',
    'Snowflake',
    'BigQuery',
    'AWS',
    'Data Modeling',
    'Scala',
    'Terraform',
  ],
  'Product Manager': [
    'Roadmapping',
    'User Research',
    'SQL',
    'Experimentation',
    'Stakeholder Management',
    'Analytics',
    'Pricing',
    'Go-to-Market',
    'Jira',
    'Prioritization',
    'OKRs',
    'Discovery',
  ],
  'Product Designer': [
    'Figma',
    'Prototyping',
    'User Research',
    'Design Systems',
    'Interaction Design',
    'Accessibility',
    'Usability Testing',
    'Visual Design',
    'Sketch',
    'HTML/CSS',
    'Information Architecture',
    'Motion Design',
  ],
  'DevOps Engineer': [
    'Kubernetes',
    'Terraform',
    'AWS',
    'GCP',
    'Docker',
    'CI/CD',
    'Linux',
    'Prometheus',
    'Ansible',
    'Go',
    'Networking',
    'Incident Response',
  ],
  'Security Engineer': [
    'Threat Modeling',
    'Penetration Testing',
    'SIEM',
    'Cloud Security',
    'IAM',
    'Python',
    'Incident Response',
    'Network Security',
    'Cryptography',
    'SOC 2',
    'Vulnerability Management',
    'Zero Trust',
  ],
  'Marketing Manager': [
    'SEO',
    'Content Strategy',
    'Paid Acquisition',
    'Lifecycle Marketing',
    'Analytics',
    'HubSpot',
    'Brand',
    'Copywriting',
    'Marketing Automation',
    'A/B Testing',
    'Social Media',
    'Positioning',
  ],
};

export const ROLE_CERTIFICATIONS: Record<Role, readonly string[]> = {
  'Software Engineer': ['AWS Certified Developer', 'Oracle Certified Java Programmer'],
  'Data Scientist': ['TensorFlow Developer Certificate', 'Google Professional ML Engineer'],
  'Data Engineer': [
    'Google Professional Data Engineer',
    'Databricks Certified Data Engineer',
    'SnowPro Core',
  ],
  'Product Manager': ['Certified Scrum Product Owner', 'Pragmatic Institute PMC'],
  'Product Designer': ['Nielsen Norman UX Certification', 'Google UX Design Certificate'],
  'DevOps Engineer': [
    'Certified Kubernetes Administrator',
    'AWS Certified DevOps Engineer',
    'HashiCorp Terraform Associate',
  ],
  'Security Engineer': ['CISSP', 'OSCP', 'CompTIA Security+'],
  'Marketing Manager': ['Google Ads Certification', 'HubSpot Inbound Certification'],
};

/** The things resume bullets say the person worked on. */
export const ROLE_OBJECTS: Record<Role, readonly string[]> = {
  'Software Engineer': [
    'the payments API',
    'a checkout service',
    'the onboarding flow',
    'a real-time notification system',
    'the search backend',
    'an internal admin tool',
  ],
  'Data Scientist': [
    'a churn prediction model',
    'the pricing experiments',
    'a demand forecast',
    'the recommendation ranking',
    'an A/B testing framework',
    'customer segmentation',
  ],
  'Data Engineer': [
    'the event ingestion pipeline',
    'a data warehouse migration',
    'the streaming platform',
    'dbt models for finance',
    'data quality checks',
    'the batch ETL jobs',
  ],
  'Product Manager': [
    'the mobile app roadmap',
    'a self-serve billing launch',
    'the onboarding redesign',
    'pricing and packaging',
    'a partner integrations program',
    'the activation funnel',
  ],
  'Product Designer': [
    'the design system',
    'a checkout redesign',
    'the mobile navigation',
    'usability studies',
    'an accessibility audit',
    'the onboarding experience',
  ],
  'DevOps Engineer': [
    'the CI/CD pipeline',
    'a Kubernetes migration',
    'the observability stack',
    'infrastructure as code',
    'on-call runbooks',
    'the multi-region failover',
  ],
  'Security Engineer': [
    'the vulnerability management program',
    'an SSO rollout',
    'cloud posture monitoring',
    'the incident response plan',
    'a SOC 2 audit',
    'secrets management',
  ],
  'Marketing Manager': [
    'the content calendar',
    'paid search campaigns',
    'a lifecycle email program',
    'the product launch campaign',
    'the brand refresh',
    'SEO for the blog',
  ],
};

export const STRONG_VERBS = [
  'Led',
  'Built',
  'Designed',
  'Launched',
  'Automated',
  'Reduced',
  'Scaled',
  'Shipped',
  'Owned',
  'Drove',
  'Architected',
  'Streamlined',
] as const;
export const WEAK_VERBS = [
  'Worked on',
  'Helped with',
  'Responsible for',
  'Involved in',
  'Assisted with',
  'Participated in',
] as const;

/** Metric templates; `#` is replaced by a number drawn for the bullet. */
export const METRIC_TEMPLATES = [
  'improving conversion by #%',
  'cutting latency by #%',
  'saving $#k per year',
  'for #k monthly users',
  'reducing costs by #%',
  'growing revenue by #%',
  'cutting incident volume by #%',
] as const;

export const INDUSTRIES = [
  'fintech',
  'healthcare',
  'e-commerce',
  'saas',
  'gaming',
  'logistics',
  'education',
  'media',
] as const;
export const CITIES = [
  'Berlin',
  'London',
  'New York',
  'San Francisco',
  'Austin',
  'Toronto',
  'Amsterdam',
  'Chicago',
] as const;
export const REMOTE = 'Remote';

export const COMPANY_PREFIXES = [
  'North',
  'Blue',
  'Bright',
  'Iron',
  'Silver',
  'Cedar',
  'Quantum',
  'Harbor',
  'Summit',
  'Nova',
  'Pixel',
  'Atlas',
  'Lumen',
  'Orbit',
  'Granite',
  'Maple',
  'Vector',
  'Copper',
  'Signal',
  'Willow',
] as const;
export const COMPANY_SUFFIXES = [
  'Labs',
  'Systems',
  'Analytics',
  'Health',
  'Pay',
  'Works',
  'Cloud',
  'Logistics',
  'Learning',
  'Media',
  'Commerce',
  'Robotics',
  'Bio',
  'Security',
  'Games',
] as const;

export const FIRST_NAMES = [
  'Alex',
  'Sam',
  'Jordan',
  'Maria',
  'Wei',
  'Priya',
  'Lukas',
  'Fatima',
  'Chen',
  'Olivia',
  'Noah',
  'Amara',
  'Diego',
  'Yuki',
  'Hannah',
  'Omar',
] as const;
export const LAST_NAMES = [
  'Smith',
  'Garcia',
  'Kim',
  'Nguyen',
  'Müller',
  'Okafor',
  'Rossi',
  'Patel',
  'Johnson',
  'Silva',
  'Cohen',
  'Novak',
  'Tanaka',
  'Brown',
] as const;

export const INSTITUTIONS = [
  'State University',
  'Technical University of Munich',
  'University of Toronto',
  'City College',
  'Imperial College London',
  'University of Texas',
  'Online Academy',
] as const;
export const FIELDS_OF_STUDY = [
  'Computer Science',
  'Statistics',
  'Mathematics',
  'Business',
  'Design',
  'Economics',
  'Electrical Engineering',
  'Marketing',
] as const;
