// Origins of the fields of a synthesised ARM-shaped object. Terraform plans, az scripts and native YAML build ARM
// objects for the shared converter (adapt/aks); the converter reports problems at paths of *that* object, and this
// map sends each path back to where the user wrote the value (a plan JSON path, a flag on a script line, ...).
import type { DocPath } from '../../load/document.js';
import type { Origin } from '../../model/origin.js';

function keyOf(path: DocPath): string {
  return path.map((p) => String(p).toLowerCase()).join('\u0000');
}

/**
 * A map from paths inside a synthesised object to origins. `at(path)` returns the origin recorded for the longest
 * recorded prefix of `path` (keys compared case-insensitively, as the converter looks fields up that way); with no
 * recorded prefix, the object's own origin (`root`).
 */
export class OriginMap {
  private readonly byPath = new Map<string, Origin>();
  constructor(
    /** Origin of the object itself: used for paths with no recorded prefix. */
    readonly root: Origin,
  ) {}

  /** Records where the value at `path` of the synthesised object was written. */
  set(path: DocPath, origin: Origin): void {
    this.byPath.set(keyOf(path), origin);
  }

  /** The origin of `path` (longest recorded prefix; `root` when none). */
  at(path: DocPath): Origin {
    for (let n = path.length; n > 0; n--) {
      const o = this.byPath.get(keyOf(path.slice(0, n)));
      if (o) return o;
    }
    return this.root;
  }

  /** `at` as a plain function, the form the converter takes. */
  get fn(): (path: DocPath) => Origin {
    return (path) => this.at(path);
  }
}
