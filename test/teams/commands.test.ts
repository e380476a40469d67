/**
 * Issue 11: a command works in either language, whatever the client reports: Teams sends the command menu's title,
 * which a zh-CN client shows in Chinese (appPackage/zh-cn.json).
 */
import assert from 'node:assert/strict';
import { commandWord, parseCommand } from '../../src/teams/commands';

describe('commands in every language (issue 11)', () => {
  it('each command by its English and its Chinese word, case aside', () => {
    const cases: Array<[string, string]> = [
      ['help', 'help'], ['HELP', 'help'], ['帮助', 'help'], ['upcoming', 'upcoming'], ['我的列表', 'upcoming'],
      ['new customer', 'newCustomer'], ['新客户', 'newCustomer'], ['queue', 'queue'], ['队列', 'queue'],
      ['load', 'load'], ['负载', 'load'], ['customer', 'customer'], ['客户', 'customer'],
    ];
    for (const [text, name] of cases) assert.deepEqual(parseCommand(text), { name, rest: '' }, text);
  });

  it('`customer` takes a search after it: after a space in English; with or without one in Chinese', () => {
    assert.deepEqual(parseCommand('customer Contoso Ltd'), { name: 'customer', rest: 'Contoso Ltd' });
    assert.deepEqual(parseCommand('Customer contoso'), { name: 'customer', rest: 'contoso' });
    assert.deepEqual(parseCommand('客户 Contoso'), { name: 'customer', rest: 'Contoso' });
    assert.deepEqual(parseCommand('客户Contoso'), { name: 'customer', rest: 'Contoso' });
    assert.deepEqual(parseCommand('客户 康托索'), { name: 'customer', rest: '康托索' });
  });

  it('anything else is no command (the bot answers it with help): no prefix matching but `customer`\'s', () => {
    for (const text of ['customers', 'customerContoso', 'upcoming please', 'help me', 'loads', '新客户 Contoso', '', '列表']) {
      assert.equal(parseCommand(text), null, text);
    }
  });

  it('the words the cards show are the catalogue\'s, per language', () => {
    assert.equal(commandWord('en-US', 'upcoming'), 'upcoming');
    assert.equal(commandWord('zh-CN', 'upcoming'), '我的列表');
    assert.equal(commandWord('zh-CN', 'newCustomer'), '新客户');
  });
});
