// What every renderer gets besides its model, and the shape of one.
import type { Severity } from '../core/model.js';
import type { Paint } from './paint.js';

export interface RenderContext {
  /** Colour for terminals; the identity elsewhere. */
  paint: Paint;
  /** The project root: files are shown relative to it (and SARIF locates findings from it). */
  root: string;
  /** Where the user stands: paths they typed (a spec file) are read from here. */
  cwd: string;
  /** driftwatch's own version, for outputs that name their tool (SARIF). */
  version: string;
  /**
   * The rule catalogue's metadata, for outputs that describe every rule (SARIF). Given by the caller that prints SARIF,
   * so the other outputs (and every command that never prints SARIF) do not load the ~100 rule modules.
   */
  rules?: readonly RuleInfo[];
}

/** What an output says about a rule: its id, default severity, one-line summary and the delta kind it reads. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  summary: string;
  on?: string;
}

/** A model in, one complete output out (a document, a page of text): the caller writes it as is. */
export type Renderer<M> = (model: M, ctx: RenderContext) => string;
