import { sqliteKind } from '../common/stores';
import { storeContract } from './contract';

storeContract(sqliteKind);
