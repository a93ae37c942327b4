import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { useTestDatabase } from '../helpers/database';
import { backupKey, restoreBackup, verifyBackup, writeBackup } from '../../src/crypto/backup';
import { Customer } from '../../src/domain/customer/customer.model';
import { identifyCustomer, learnAboutCustomer } from '../../src/domain/customer/customer.service';
import { Staff } from '../../src/domain/staff/staff.model';

useTestDatabase(__filename);

describe('npm run backup / restore: the whole database to one encrypted file and back', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-backup-'));
  const file = path.join(dir, 'kefu-test.kfb');

  it('writes a file with nothing readable in it, and restores every document as it was', async () => {
    const c = await identifyCustomer('web', 'backup-visitor');
    await learnAboutCustomer(c._id, { name: '孙悟空', phone: '+8613811112222' });
    await Staff.create({ name: '李阿姨', phone: '+8613933334444', idNumber: '520102199001011234' });
    const written = await writeBackup(mongoose.connection.db!, file);
    expect(written.collections).toMatchObject({ customers: 1, staff: 1, customeridentities: 1 });
    const bytes = fs.readFileSync(file);
    for (const clear of ['孙悟空', '13811112222', '李阿姨', 'customers', 'backup-visitor']) expect(bytes.includes(Buffer.from(clear))).toBe(false);

    await mongoose.connection.db!.dropDatabase();
    expect(await Customer.countDocuments()).toBe(0);
    const restored = await restoreBackup(mongoose.connection.db!, file);
    expect(restored).toMatchObject({ customers: 1, staff: 1 });
    const back = await Customer.findById(c._id).lean();
    expect(back).toMatchObject({ name: '孙悟空', phone: '+8613811112222' });
    expect(back!.createdAt).toBeInstanceOf(Date);
    expect(await Staff.findOne({ phone: '+8613933334444' }).lean()).toMatchObject({ name: '李阿姨', idNumber: '520102199001011234' });
  });

  it('refuses a file that was altered, or one written with another key, before writing anything', async () => {
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 40] ^= 0xff;
    const altered = path.join(dir, 'altered.kfb');
    fs.writeFileSync(altered, bytes);
    await expect(verifyBackup(altered)).rejects.toThrow(/altered or damaged/);
    const before = await Customer.countDocuments();
    await expect(restoreBackup(mongoose.connection.db!, altered)).rejects.toThrow(/altered or damaged/);
    expect(await Customer.countDocuments()).toBe(before);
    await expect(verifyBackup(file, backupKey(Buffer.alloc(32, 7)))).rejects.toThrow(/another key/);
  });
});
