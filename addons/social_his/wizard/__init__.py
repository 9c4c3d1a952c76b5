from . import social_his_sender_key
