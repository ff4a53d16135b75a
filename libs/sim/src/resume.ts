import type { EventOf } from '@hirelearn/contract';
import type { Company } from './market';
import { SimRng, sigmoid } from './rng';
import type { SimUser } from './users';
import { DAY_MS, yearMonth } from './time';
import {
  FIELDS_OF_STUDY,
  INSTITUTIONS,
  METRIC_TEMPLATES,
  ROLE_CERTIFICATIONS,
  ROLE_OBJECTS,
  ROLE_SKILLS,
  STRONG_VERBS,
  WEAK_VERBS,
  type EditType,
  type Role,
} from './vocabulary';

type ResumeContent = EventOf<'RESUME_SNAPSHOT'>['resume'];

interface Bullet {
  verb: string;
  object: string;
  metric: string | null;
}

interface RoleEntry {
  readonly title: string;
  readonly company: string;
  readonly start: string;
  readonly end: string | null;
  readonly bullets: Bullet[];
}

/**
 * A user's resume as structured parts, so that each edit type changes the text the way its
 * name says (metrics appended to bullets, weak verbs replaced, ...). The interview chance
 * depends on which edit types a version carries, never on this text.
 */
export class ResumeDraft {
  readonly coreSkills: readonly string[];
  private readonly keywords: string[] = [];
  private readonly roles: RoleEntry[];
  private readonly certifications: string[] = [];
  private reorganized = false;
  private readonly education: ResumeContent['education'];
  private readonly role: Role;

  /** `signal`: the world's `population.dayOneSignal` (how strongly the traits show in style). */
  constructor(
    private readonly user: SimUser,
    private readonly rng: SimRng,
    pastCompanies: readonly Company[],
    signal = 1,
  ) {
    this.role = user.roles[0];
    this.coreSkills = rng.sample(ROLE_SKILLS[this.role], rng.int(5, 9));
    const metricShare = sigmoid(signal * 0.8 * user.organisation - 0.5);
    const strongShare = sigmoid(signal * 1.0 * user.skill - 0.2);
    const count = Math.min(4, Math.max(1, Math.ceil(user.years / 3)));
    const monthsPerRole = Math.max(6, Math.round((user.years * 12) / count));
    this.roles = [];
    let end: number | null = null;
    let cursor = user.signupAt;
    for (let i = 0; i < count; i++) {
      const start = cursor - monthsPerRole * 30.4 * DAY_MS;
      const bullets: Bullet[] = [];
      for (let b = 0, n = rng.int(2, 4); b < n; b++) {
        bullets.push({
          verb: rng.chance(strongShare) ? rng.pick(STRONG_VERBS) : rng.pick(WEAK_VERBS),
          object: rng.pick(ROLE_OBJECTS[this.role]),
          metric: rng.chance(metricShare) ? this.metric() : null,
        });
      }
      this.roles.push({
        title: i === 0 ? this.headline() : this.role,
        company: rng.pick(pastCompanies).name,
        start: yearMonth(start),
        end: end === null ? null : yearMonth(end),
        bullets,
      });
      end = start;
      cursor = start;
    }
    const level = user.profile.education_level;
    const degree = {
      none: '',
      high_school: 'High School Diploma',
      associate: 'AS',
      bachelor: 'BSc',
      master: 'MSc',
      phd: 'PhD',
    }[level];
    this.education = degree
      ? [{ degree, field: rng.pick(FIELDS_OF_STUDY), institution: rng.pick(INSTITUTIONS) }]
      : [];
  }

  /** Changes the text the way the edit type says. */
  apply(editType: EditType): void {
    const rng = this.rng;
    const bullets = this.roles.flatMap((r) => r.bullets);
    switch (editType) {
      case 'added_metrics_to_bullets':
        for (const b of bullets) if (b.metric === null && rng.chance(0.8)) b.metric = this.metric();
        break;
      case 'strengthened_action_verbs':
        for (const b of bullets) {
          if ((WEAK_VERBS as readonly string[]).includes(b.verb)) b.verb = rng.pick(STRONG_VERBS);
        }
        break;
      case 'added_certifications':
        for (const c of rng.sample(ROLE_CERTIFICATIONS[this.role], rng.int(1, 2))) {
          if (!this.certifications.includes(c)) this.certifications.push(c);
        }
        break;
      case 'reorganized_sections':
        this.reorganized = true;
        break;
      case 'added_keywords': {
        const missing = ROLE_SKILLS[this.role].filter(
          (s) => !this.coreSkills.includes(s) && !this.keywords.includes(s),
        );
        this.keywords.push(...rng.sample(missing, rng.int(2, 4)));
        break;
      }
    }
  }

  /** The contract's `resume` object for a RESUME_SNAPSHOT. */
  content(): ResumeContent {
    const skills = [...this.coreSkills, ...this.keywords];
    if (this.reorganized) skills.sort();
    const bulletCount = this.roles.reduce((n, r) => n + r.bullets.length, 0);
    const u = this.user;
    const contact = u.contactInText
      ? ` Contact: ${u.firstName.toLowerCase()}.${asciiName(u.lastName)}@example.com, +1 415 555 ${String(1000 + u.index).slice(-4)}.`
      : '';
    return {
      summary: `${this.headline()} with ${u.years} years of experience in ${u.profile.industries.join(' and ')}.${contact}`,
      skills,
      roles: this.roles.map((r) => ({
        title: r.title,
        company: r.company,
        start: r.start,
        end: r.end,
        bullets: r.bullets.map((b) => `${b.verb} ${b.object}${b.metric ? `, ${b.metric}` : ''}.`),
      })),
      education: this.education.map((e) => ({ ...e })),
      certifications: [...this.certifications],
      page_count: this.reorganized || bulletCount <= 8 ? 1 : 2,
    };
  }

  /** "Senior Data Engineer", or just the role at mid level. */
  private headline(): string {
    const level = this.user.profile.seniority;
    return level === 'mid' ? this.role : `${capitalise(level)} ${this.role}`;
  }

  private metric(): string {
    const template = this.rng.pick(METRIC_TEMPLATES);
    return template.replace('#', String(this.rng.int(5, 60) * (template.includes('$') ? 4 : 1)));
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function asciiName(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}
