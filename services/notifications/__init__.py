"""SMS to residents at each step of a case: templates staff edit in admin, an outbox that
records every message, and a sender with three backends (log, aliyun, tencent).

Nothing personal goes into a message: only the case's reference and its step (and the due
date of the next step). The mobile number is the recipient, kept in the outbox, masked in admin.
"""
