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
  const parts = path.split('/').slice(1);
  if (parts.length !== compiled.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = compiled.segments[i]!;
    const part = parts[i]!;
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === '') return undefined;
      try {
        params[segment.param] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    }
  }
  return params;
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
