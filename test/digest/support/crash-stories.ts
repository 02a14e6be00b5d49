// The stories the crash test's parent and child both use (they must build the same edition).
import { createStory } from './fixtures.js';

export const crashTestStories = [createStory(1, ['chinh-tri'], 2), createStory(2, ['kinh-te'], 3)];
