import { describe, expect, it } from 'vitest';
import { outboxFilePath } from '../../../renderer/assessment/outbox-path';

describe('the written file’s path', () => {
  it('joins the outbox folder and the file name with the folder’s own separator, once', () => {
    expect(outboxFilePath('/home/fra/.local/share/truceline/outbox', 'INC-0031-r1.pack')).toBe('/home/fra/.local/share/truceline/outbox/INC-0031-r1.pack');
    expect(outboxFilePath('/data/outbox/', 'a.pack')).toBe('/data/outbox/a.pack');
    expect(outboxFilePath('C:\\Users\\fra\\outbox', 'a.pack')).toBe('C:\\Users\\fra\\outbox\\a.pack');
  });
});
