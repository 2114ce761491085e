// Every host suite, in run order.
import './activation.test';
import './keys-and-models.test';
import './chat-session.test';
import './conversations.test';
