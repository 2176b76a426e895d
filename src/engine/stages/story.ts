import type { ServeEvent } from '../journal/serve-event.js';
import type { EngineServices } from '../request-context.js';

/**
 * What the side pipelines (inbound injection, unmatched requests) share with the request path:
 * an id from the id stream and one journal entry written by the recorder.
 */
export interface Story {
  readonly engine: EngineServices;
  /** Prefix of the assigned id (`inb_`, `req_`). */
  readonly idPrefix: string;
  id?: string;
  /** The entry to journal, once a stage has described what happened. */
  entry?: Omit<ServeEvent, 'seq'>;
  /** The entry as recorded. */
  recorded?: ServeEvent;
  /** Set by a stage that ends the pipeline early (a refused input). */
  done?: boolean;
  /** Names of the stages passed. */
  trace: string[];
}

/** Gives the story its id. */
export function assignId(story: Story): void {
  story.id = story.engine.streams.ids.next(story.idPrefix);
}

/** Journals the story's entry through the recorder. */
export function recordEntry(story: Story): void {
  if (story.entry) story.recorded = story.engine.recorder.record(story.entry);
}

/** One named step of a side pipeline. */
export interface StoryStage<C extends Story> {
  name: string;
  run(ctx: C): void;
}

/** Runs `ctx` through `stages` in order, stopping once one marks it done. */
export function runStory<C extends Story>(ctx: C, stages: readonly StoryStage<C>[]): C {
  for (const stage of stages) {
    if (ctx.done) break;
    ctx.trace.push(stage.name);
    stage.run(ctx);
  }
  return ctx;
}
