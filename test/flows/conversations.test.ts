import path from 'node:path';
import { useTestDatabase } from '../helpers/database';
import { playConversationTest, readConversationTests } from './harness';

useTestDatabase(__filename);

/** Conversation tests written as data by the people who write flows (flows/tests/*.yaml). */
const files = readConversationTests(path.resolve(__dirname, '..', '..', 'flows', 'tests'));
let index = 0;
for (const { file, tests } of files) {
  describe(`flows/tests/${file}`, () => {
    for (const test of tests) {
      const n = index++;
      it(test.name, () => playConversationTest(test, n));
    }
  });
}
