// The story use case: one finding (by id, fingerprint or unique prefix) and every event of it, oldest first.
import { inputError } from '../errors.js';
import type { StoryResult } from '../report/model/history.js';
import type { HistoryStore } from '../store/history-store.js';
import { findDrift } from './ack.js';

export async function findingStory(store: HistoryStore, given: string): Promise<StoryResult> {
  const drift = await findDrift(store, given);
  const story = await store.storyOf(drift.id);
  if (!story) throw inputError(`drift #${drift.id} disappeared while reading its story`);
  return { drift: story.drift, events: story.events };
}
