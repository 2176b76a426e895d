/** A route path compiled for matching: literal segments, or `{name}` parameters. */
export interface CompiledPath {
  segments: readonly ({ literal: string } | { param: string })[];
}

/** Compiles `/v1/projects/{project_id}/messages:send`; empty segments (as in `//`) stay literal. */
export function compilePath(path: string): CompiledPath {
  return {
    segments: path
      .split('/')
      .slice(1)
      .map((segment) => {
        const param = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(segment)?.[1];
        return param ? { param } : { literal: segment };
      }),
  };
}

/** Route parameters when `path` matches, else undefined. Matching is exact: no slash is folded. */
export function matchPath(
  compiled: CompiledPath,
  path: string,
): Record<string, string> | undefined {
  // Walks the path in place (no split): this runs for every route on every request.
  if (path.charCodeAt(0) !== 0x2f) return undefined;
  const segments = compiled.segments;
  const params: Record<string, string> = {};
  let start = 1;
  for (let i = 0; i < segments.length; i++) {
    if (start > path.length) return undefined;
    let end = path.indexOf('/', start);
    if (end < 0) end = path.length;
    const segment = segments[i]!;
    if ('literal' in segment) {
      if (end - start !== segment.literal.length || !path.startsWith(segment.literal, start)) {
        return undefined;
      }
    } else {
      if (end === start) return undefined;
      try {
        params[segment.param] = decodeURIComponent(path.slice(start, end));
      } catch {
        return undefined;
      }
    }
    start = end + 1;
  }
  // Every segment matched: the path must end exactly there.
  return start === path.length + 1 ? params : undefined;
}

/** How far apart two paths are, for "closest route" hints (edit distance on the whole string). */
export function pathDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(
        above + 1,
        previous[j - 1]! + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length]!;
}
