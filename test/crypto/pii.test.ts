import mongoose, { Types } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { useTestDatabase } from '../helpers/database';
import { configurePii } from '../../src/crypto/pii-keys';
import { Customer } from '../../src/domain/customer/customer.model';
import { identifyCustomer, learnAboutCustomer } from '../../src/domain/customer/customer.service';

useTestDatabase(__filename);

const raw = (id: unknown) => mongoose.connection.db!.collection('customers').findOne({ _id: new Types.ObjectId(String(id)) });

describe('personal fields of the customer archive are encrypted at rest and stay usable', () => {
  const first = randomBytes(32);
  beforeAll(() => configurePii(first));

  it('stores ciphertext for name, phone and nickname, and reads plaintext back (documents and lean)', async () => {
    const c = await identifyCustomer('web', 'visitor-pii-1', { displayName: '小王同学' });
    await learnAboutCustomer(c._id, { name: '王小明', phone: '+8613912345678' });
    const stored = await raw(c._id);
    const json = JSON.stringify(stored);
    for (const clear of ['王小明', '13912345678', '小王同学']) expect(json).not.toContain(clear);
    expect(stored!.name).toMatch(/^enc1\./);
    expect(stored!.identities[0].displayName).toMatch(/^enc1\./);
    const doc = await Customer.findById(c._id);
    expect(doc).toMatchObject({ name: '王小明', phone: '+8613912345678' });
    expect(doc!.identities[0].displayName).toBe('小王同学');
    expect(await Customer.findById(c._id).lean()).toMatchObject({ name: '王小明', phone: '+8613912345678' });
    expect(JSON.stringify(doc!.toJSON())).not.toMatch(/Hash|Index|Tail/);
  });

  it('keeps the message path’s conditional updates: a recorded phone or name is not overwritten', async () => {
    const c = await identifyCustomer('web', 'visitor-pii-2');
    await learnAboutCustomer(c._id, { name: '李四', phone: '+8613800000001' });
    await learnAboutCustomer(c._id, { name: '别人', phone: '+8613800000002' });
    expect(await Customer.findById(c._id).lean()).toMatchObject({ name: '李四', phone: '+8613800000001' });
    const again = await identifyCustomer('web', 'visitor-pii-2', { displayName: 'x' });
    expect(String(again._id)).toBe(String(c._id));
    expect(again.name).toBe('李四');
  });

  it('finds customers by phone (exact, national form, last four digits) and by part of the name', async () => {
    const c = await identifyCustomer('web', 'visitor-pii-3');
    await learnAboutCustomer(c._id, { name: '欧阳娜娜', phone: '+8613700007777' });
    expect(String((await Customer.findOne({ phone: '+8613700007777' }))?._id)).toBe(String(c._id));
    expect(await Customer.distinct('_id', { $or: [{ name: /阳娜/i }, { phone: { $regex: '13700007777' } }] })).toEqual(expect.arrayContaining([c._id]));
    expect(await Customer.distinct('_id', { phone: { $regex: '7777' } })).toEqual([c._id]);
    expect(await Customer.distinct('_id', { name: /欧阳/ })).toEqual([c._id]);
    expect(await Customer.countDocuments({ name: /王五/ })).toBe(0);
  });

  it('validates the plaintext: a bad phone is refused by save and by an update with validators', async () => {
    const c = await identifyCustomer('web', 'visitor-pii-4');
    await expect(Customer.updateOne({ _id: c._id }, { $set: { phone: '12345' } }, { runValidators: true })).rejects.toThrow(/phone/);
    const doc = await Customer.findById(c._id);
    doc!.phone = 'not a phone';
    await expect(doc!.save()).rejects.toThrow(/phone/);
  });

  it('a saved document reads as plaintext and is not dirty; the next save writes nothing twice', async () => {
    const doc = new Customer({ name: '赵六', phone: '+8613600000006', address: '成都市武侯区 1 号' });
    await doc.save();
    expect(doc.name).toBe('赵六');
    expect(doc.isModified()).toBe(false);
    doc.notes = '常客';
    await doc.save();
    const stored = await raw(doc._id);
    expect(stored!.address).toMatch(/^enc1\./);
    expect(stored!.notes).toMatch(/^enc1\./);
    expect((await Customer.findById(doc._id).lean())).toMatchObject({ name: '赵六', address: '成都市武侯区 1 号', notes: '常客' });
  });

  it('after a key rotation old rows still read and are still found by phone', async () => {
    const c = await identifyCustomer('web', 'visitor-pii-5');
    await learnAboutCustomer(c._id, { name: '钱七', phone: '+8613500000005' });
    configurePii(randomBytes(32), [first]);
    expect(await Customer.findOne({ phone: '+8613500000005' }).lean()).toMatchObject({ name: '钱七' });
    const d = await identifyCustomer('web', 'visitor-pii-6');
    await learnAboutCustomer(d._id, { phone: '+8613500000006' });
    expect(await Customer.countDocuments({ phone: { $in: ['+8613500000005', '+8613500000006'] } })).toBe(2);
  });
});

describe('npm run pii:rotate', () => {
  it('rewrites every personal field under the new key, after which the old key is not needed', async () => {
    const { rotatePii } = await import('../../src/crypto/pii-rotation');
    await Customer.deleteMany({});
    const oldKey = randomBytes(32);
    configurePii(oldKey);
    const c = await identifyCustomer('web', 'rotate-1', { displayName: '旧钥匙' });
    await learnAboutCustomer(c._id, { name: '周八', phone: '+8613400000004' });
    const newKey = randomBytes(32);
    const ring = configurePii(newKey, [oldKey]);
    const counts = await rotatePii();
    expect(counts.Customer).toBeGreaterThanOrEqual(1);
    const stored = await raw(c._id);
    expect(stored!.name.startsWith(`enc1.${ring.current.id}.`)).toBe(true);
    expect(stored!.identities[0].displayName.startsWith(`enc1.${ring.current.id}.`)).toBe(true);
    configurePii(newKey);
    expect(await Customer.findOne({ phone: '+8613400000004' }).lean()).toMatchObject({ name: '周八', identities: [expect.objectContaining({ displayName: '旧钥匙' })] });
    expect((await rotatePii()).Customer).toBe(0);
  });
});
