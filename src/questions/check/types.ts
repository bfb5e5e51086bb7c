// The shapes of `aksnet check`: a rule, what it is given, and what it reports.
import type { Diagnostic, Severity } from '../../model/diagnostic.js';
import type { EngineName } from '../../engines/policy/profile.js';
import type { Model } from '../../model/model.js';
import type { ModelSketch } from './sketch.js';

/**
 * A design finding: a Diagnostic whose `code` is the rule id, whose `resource` names the offending object (as the
 * artefact spells it, e.g. `aks1`, `aks1/nodepool1`, `vnet/nodes`) and whose `origin` is that object's origin.
 * Input diagnostics from loading are findings too; they may lack `resource`.
 */
export type Finding = Diagnostic & { readonly resource: string };

/** What every rule is given besides the model. */
export interface CheckContext {
  /** Today's date as `YYYY-MM-DD` (UTC): the clock for retirement "time left"; fixed by `--today` in tests. */
  readonly today: string;
  /**
   * The policy engine to judge policies under (`--engine`); absent = the cluster's networkPolicy (see
   * engines/policy chooseEngine). Rules about policies read it.
   */
  readonly engine?: EngineName;
}

/** Two example models that the tests run: `failing` must produce at least one finding of the rule, `passing` none. */
export interface RuleExamples {
  readonly failing: ModelSketch;
  readonly passing: ModelSketch;
}

/**
 * One design rule. `id` is stable (see docs/rules/README.md for the numbering scheme); `slug` names the rule file
 * and its doc; `severity` is the most severe level the rule reports (single findings may be milder, e.g. a warning
 * for a limit that is only a default quota); `description` says what is checked, `rationale` why it matters, and
 * `source` where the fact comes from (sections of shared/reference/aks-networking.md and fact ids of model/facts.ts).
 * `run` never throws on a well-typed model and returns findings in any order (the runner sorts).
 */
export interface CheckRule {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly severity: Severity;
  readonly description: string;
  readonly rationale: string;
  readonly source: string;
  readonly examples: RuleExamples;
  run(model: Model, ctx: CheckContext): Finding[];
}
